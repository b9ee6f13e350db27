package org.ebl4j.cli.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.cli.FiguresCommand;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.ebl4j.unsupervised.rbm.BinaryRbm;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ebl4j sample}: Gibbs samples from a trained RBM, as a mosaic PNG. */
@Command(name = "sample",
        description = {"Draw samples from a trained RBM (a run folder of ebl4j train) by block Gibbs sampling: "
            + "COUNT chains start from uniformly random binary images and run STEPS sweeps h ~ p(h | v), "
            + "v ~ p(v | h); the picture shows E[v | h] of the last sweep."},
        footerHeading = "%nExamples:%n",
        footer = {"  ebl4j sample runs/rbm1",
            "  ebl4j sample runs/rbm1 --count 100 --steps 5000 --out samples.png --json"})
public final class SampleCommand extends FiguresCommand {
    @Parameters(index = "0", paramLabel = "RUN", description = "A run folder of an RBM, or its model.safetensors.")
    Path run;

    @Option(names = "--count", paramLabel = "N", defaultValue = "64", description = "Chains (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--steps", paramLabel = "K", defaultValue = "1000",
            description = "Gibbs sweeps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "PNG", description = "The picture (default: RUN/figures/samples.png).")
    Path out;

    @Override
    protected Map<String, Object> run(PrintWriter log) throws Exception {
        if (count < 1 || steps < 0) {
            throw usageError("--count must be >= 1 and --steps >= 0, got " + count + " and " + steps);
        }
        TrainedRun t = TrainedRun.load(run);
        if (!(t.model() instanceof RbmRun r)) {
            throw usageError("sample draws from RBMs; this run is a " + t.config().model().type());
        }
        BinaryRbm rbm = r.rbm();
        Rng rng = new Rng(seed);
        Tensor means;
        double freeEnergy;
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            Tensor v = rbm.gibbs(rng.bernoulli(0.5f, count, rbm.visible()), steps, rng);
            freeEnergy = rbm.freeEnergy(v).mean().item();
            means = rbm.visibleMean(rbm.sampleHidden(v, rng));
        }
        Path png = out != null ? out : t.dir().figure("samples.png");
        Tiles.write(png, means, count, t.height(), t.width(), Math.max(1, 56 / t.height()), false,
                Map.of("title", "Gibbs samples, " + steps + " sweeps"));
        log.printf(Locale.ROOT, "sample: %d chains x %d Gibbs sweeps from %s; mean free energy %.3f; wrote %s%n",
                count, steps, t.dir(), freeEnergy, png);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("run", t.dir().root().toAbsolutePath().toString());
        figures.put("count", count);
        figures.put("steps", steps);
        figures.put("mean_free_energy", freeEnergy);
        figures.put("mean_pixel", (double) means.mean().item());
        figures.put("out", png.toAbsolutePath().toString());
        return figures;
    }
}
