package org.ebl4j.cli.example;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ebl4j.cli.FiguresCommand;
import org.ebl4j.data.Digits;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ebl4j example loss-table}: {@link LossTable}, every loss of the tutorial's table on the 8x8 digits. */
@Command(name = "loss-table",
        description = {"Train the multiclass energy-based model E(W, Y, X) = G_W(X)_Y (a 64-H-10 tanh network, "
            + "one energy per label) on the 8x8 digits with each loss of the tutorial's table (energy, perceptron, "
            + "hinge, log, LVQ2, MCE, square-square, square-exponential, NLL) and print the test accuracy of each.",
            "Same initial weights, optimiser (SGD, momentum 0.9), batches and epochs for every loss; fixed 80/20 "
                + "split. Margins m = M = γ = β = 1. The energy loss is expected to fail (collapse).",
            "The data directory holds digits.csv.gz (64 pixel counts 0..16, then the label, per line); without "
                + "--data the copy bundled in the jar is used."},
        footerHeading = "%nExamples:%n",
        footer = {"  ebl4j example loss-table",
            "  ebl4j example loss-table --data ../shared/data/digits-8x8 --json",
            "  ebl4j example loss-table --epochs 40 --lr 0.02 --seed 3"})
public final class LossTableCommand extends FiguresCommand {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Directory with digits.csv.gz (default: the bundled copy).")
    Path data;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "20",
            description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of initialisation and shuffling; the split is fixed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--hidden", paramLabel = "H", defaultValue = "64",
            description = "Hidden tanh units (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "32",
            description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "0.05",
            description = "SGD learning rate, the same for every loss (default: ${DEFAULT-VALUE}).")
    double lr;

    @Override
    protected Map<String, Object> run(PrintWriter out) throws Exception {
        LossTable.Config config;
        try {
            config = new LossTable.Config(epochs, seed, hidden, batch, lr);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        Digits digits = data != null ? Digits.load(data) : Digits.bundled();
        Digits.Split split = LossTable.split(digits);
        out.printf(Locale.ROOT, "loss-table: %d training and %d test digits from %s; multiclass EBM 64-%d-10 tanh, "
                + "SGD lr %s momentum 0.9, batch %d, %d epochs, seed %d%n", split.train().size(),
                split.test().size(), data != null ? data : "the bundled copy", hidden, lr, batch, epochs, seed);
        out.flush();
        List<LossTable.Row> rows = LossTable.run(split, config, out);
        out.println();
        out.printf("%-18s  %13s%n", "loss", "test accuracy");
        Map<String, Object> accuracy = new LinkedHashMap<>();
        Map<String, Object> trainLoss = new LinkedHashMap<>();
        Map<String, Object> seconds = new LinkedHashMap<>();
        for (LossTable.Row r : rows) {
            boolean expectedToFail = LossTable.EXPECTED_TO_FAIL.contains(r.loss());
            out.printf(Locale.ROOT, "%-18s  %11.2f %%%s%n", r.loss(), 100 * r.accuracy(),
                    expectedToFail ? "  (fails as the tutorial says: collapse)" : "");
            accuracy.put(r.loss(), r.accuracy());
            trainLoss.put(r.loss(), r.trainLoss());
            seconds.put(r.loss(), r.seconds());
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("example", "loss-table");
        figures.put("accuracy", accuracy);
        figures.put("expected_to_fail", LossTable.EXPECTED_TO_FAIL.stream().sorted().toList());
        figures.put("train_loss", trainLoss);
        figures.put("train_seconds", seconds);
        figures.put("data", data != null ? data.toString() : "bundled");
        figures.put("train_size", split.train().size());
        figures.put("test_size", split.test().size());
        figures.put("epochs", epochs);
        figures.put("seed", seed);
        figures.put("hidden", hidden);
        figures.put("batch", batch);
        figures.put("lr", lr);
        return figures;
    }
}
