package org.ebl4j.cli.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.ebl4j.cli.FiguresCommand;
import org.ebl4j.unsupervised.rbm.AnnealedImportanceSampling;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ebl4j eval}: metrics of a trained model on test data. */
@Command(name = "eval",
        description = {"Measure a trained model (a run folder of ebl4j train, or its model.safetensors) on test data:"
            + " by default the run's own test split; with --data the test split of another data set under the run's "
            + "data settings.",
            "RBM: reconstruction error, mean free energy, pseudo-log-likelihood (one random unit flipped per example),"
                + " and with --ais-runs the log-likelihood in nats by annealed importance sampling (Salakhutdinov & "
                + "Murray 2008). Auto-encoders: reconstruction error. Classifiers: loss and accuracy."},
        footerHeading = "%nExamples:%n",
        footer = {"  ebl4j eval runs/rbm1",
            "  ebl4j eval runs/rbm1 --ais-runs 100 --ais-temperatures 10000 --json",
            "  ebl4j eval runs/ae1/model.safetensors --data digits --json"})
public final class EvalCommand extends FiguresCommand {
    @Parameters(index = "0", paramLabel = "RUN", description = "A run folder, or its model.safetensors.")
    Path run;

    @Option(names = "--data", paramLabel = "SOURCE",
            description = "digits, a data folder or an IDX image file (default: the run's data).")
    String data;

    @Option(names = "--labels", paramLabel = "FILE", description = "IDX labels for an IDX image file.")
    Path labels;

    @Option(names = "--ais-runs", paramLabel = "M", defaultValue = "0",
            description = "RBM: annealed importance sampling with M runs (0: off; default: ${DEFAULT-VALUE}).")
    int aisRuns;

    @Option(names = "--ais-temperatures", paramLabel = "K", defaultValue = "10000",
            description = "RBM: intermediate distributions of AIS (default: ${DEFAULT-VALUE}).")
    int aisTemperatures;

    @Override
    protected Map<String, Object> run(PrintWriter out) throws Exception {
        if (aisRuns != 0 && (aisRuns < 2 || aisTemperatures < 3)) {
            throw usageError("--ais-runs must be 0 or >= 2 and --ais-temperatures >= 3, got " + aisRuns + " and "
                    + aisTemperatures);
        }
        TrainedRun t = TrainedRun.load(run);
        RunConfig.Data d = t.config().data();
        if (data != null) {
            RunConfig.Data src = Examples.source(data, labels);
            d = new RunConfig.Data(src.source(), src.path(), src.images(), src.labels(), d.limit(), d.testFraction(),
                    d.binarize());
        }
        long seed = t.config().training().seed();
        RunData rows = RunData.load(d, seed);
        if (aisRuns > 0 && !(t.model() instanceof RbmRun)) {
            throw usageError("--ais-runs applies to RBMs; this run is a " + t.config().model().type());
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("run", t.dir().root().toAbsolutePath().toString());
        figures.put("model", t.config().model().type());
        figures.put("test_size", rows.test().shape(0));
        Map<String, Double> m = t.model().evaluate(rows.test(), rows.testLabels(), seed);
        m.forEach(figures::put);
        if (aisRuns > 0 && t.model() instanceof RbmRun rbm) {
            AnnealedImportanceSampling.Estimate z = new AnnealedImportanceSampling(aisRuns,
                    AnnealedImportanceSampling.schedule(aisTemperatures), seed + 3).logPartition(rbm.rbm(),
                    rows.train());
            figures.put("log_z", z.logZ());
            figures.put("log_z_spread", z.logZSpread());
            figures.put("log_likelihood", z.logLikelihood(rbm.rbm(), rows.test()));
        }
        out.printf(Locale.ROOT, "eval: %s on %s%n", t.dir(), rows.description());
        figures.forEach((k, v) -> out.printf(Locale.ROOT, "  %-24s %s%n", k, v));
        return figures;
    }
}
