package org.ebl4j.cli.example;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.cli.FiguresCommand;
import org.ebl4j.cli.plot.Grid;
import org.ebl4j.cli.plot.HeatMap;
import org.ebl4j.energy.analytic.GaussianMixtureEnergy;
import org.ebl4j.tensor.Tensor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ebl4j example sampling}: HMC and Langevin on a known 2-D mixture ({@link Sampling}). */
@Command(name = "sampling",
        description = {"Sample a 2-D mixture of three Gaussians, p(Y) ∝ exp(−E(Y)), with Hamiltonian Monte Carlo "
            + "and Metropolis-adjusted Langevin; compare the sample mean and covariance with the truth.",
            "Writes the energy surface (low = dark) with 400 samples of each sampler on top as PNGs."},
        footerHeading = "%nExamples:%n",
        footer = {"  ebl4j example sampling", "  ebl4j example sampling --chains 2000 --json"})
public final class SamplingCommand extends FiguresCommand {
    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--chains", paramLabel = "N", defaultValue = "1000",
            description = "Parallel chains (default: ${DEFAULT-VALUE}).")
    int chains;

    @Option(names = "--steps", paramLabel = "T", defaultValue = "300",
            description = "Transitions per chain (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--keep", paramLabel = "K", defaultValue = "100",
            description = "Last states of each chain kept as samples; the earlier ones are burn-in "
                + "(default: ${DEFAULT-VALUE}).")
    int keep;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/sampling",
            description = "Folder for the PNG figures (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Override
    protected Map<String, Object> run(PrintWriter out) throws Exception {
        Sampling.Config config;
        try {
            config = new Sampling.Config(seed, chains, steps, keep);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        GaussianMixtureEnergy target = Sampling.target();
        out.printf(Locale.ROOT, "sampling: mixture of %d Gaussians in 2-D, true mean %s, covariance %s%n",
                target.components(), Arrays.toString(target.mean()), Arrays.deepToString(target.covariance()));
        out.printf(Locale.ROOT, "%d chains x %d transitions from N(0, 9 I), last %d kept (%d samples)%n", chains,
                steps, keep, chains * keep);
        out.flush();
        long t0 = System.nanoTime();
        Map<String, Sampling.Run> runs = Sampling.run(config);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Files.createDirectories(outDir);
        Grid surface = surface(target);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("example", "sampling");
        for (Map.Entry<String, Sampling.Run> e : runs.entrySet()) {
            Sampling.Run r = e.getValue();
            out.printf(Locale.ROOT, "%-9s error %.4f  acceptance %.3f  step %.3f  mean %s%n", e.getKey(),
                    r.meanAndCovarianceError(), r.acceptanceRate(), r.stepSize(),
                    Arrays.toString(r.moments().mean()));
            Path png = outDir.resolve(e.getKey() + ".png");
            float[] pts = r.samples().slice(0, 0, 1).toArray();
            int n = Math.min(400, pts.length / 2);
            double[] xs = new double[n];
            double[] ys = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = pts[2 * i];
                ys[i] = pts[2 * i + 1];
            }
            new HeatMap(surface, 4).points(xs, ys).title(e.getKey() + " samples on E(Y) of a Gaussian mixture")
                    .write(png);
            Map<String, Object> f = r.figures();
            f.put("figure", png.toString());
            figures.put(e.getKey(), f);
        }
        out.printf(Locale.ROOT, "%.1f s; figures in %s%n", seconds, outDir);
        figures.put("true_mean", target.mean());
        figures.put("true_covariance", target.covariance());
        figures.put("samples", chains * keep);
        figures.put("seconds", seconds);
        return figures;
    }

    /** E(Y) on [−4, 4]², clipped at 12 so the colour scale shows the wells. */
    private static Grid surface(GaussianMixtureEnergy target) {
        int n = 120;
        float[] ys = new float[n * n * 2];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                ys[2 * (r * n + c)] = -4f + 8f * c / (n - 1);
                ys[2 * (r * n + c) + 1] = -4f + 8f * r / (n - 1);
            }
        }
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            float[] e = target.energy(null, Tensor.of(ys, n * n, 2)).clamp(-100f, 12f).toArray();
            return new Grid(e, n, n, -4, 4, -4, 4);
        }
    }
}
