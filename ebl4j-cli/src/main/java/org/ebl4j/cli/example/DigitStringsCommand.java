package org.ebl4j.cli.example;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.ebl4j.cli.FiguresCommand;
import org.ebl4j.data.Mnist;
import org.ebl4j.kernel.Threads;
import org.ebl4j.structured.gtn.segmentation.DiscriminativeCriterion;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ebl4j example digit-strings}: {@link DigitStrings}, a check-reader-style recogniser trained globally. */
@Command(name = "digit-strings",
        description = {"Recognise strings of handwritten digits written side by side, as the check reader of LeCun, "
            + "Bottou, Bengio & Haffner (1998): a heuristic over-segmentation gives a graph of candidate segments "
            + "(the segmentation is a latent variable), a convolutional network gives each segment an energy per "
            + "digit (and a garbage class), and the string read is the best path of the interpretation graph.",
            "The network is pre-trained on isolated digits, then the whole system is trained globally through the "
                + "graph (discriminative forward training: NLL of the label string with the segmentation "
                + "marginalised; or discriminative Viterbi).",
            "Strings of --min-length to --max-length digits with gaps of 0 to --max-gap columns are built from the "
                + "first --train-size digits of --data (training) and from the rest (test). Reports the exact "
                + "string accuracy before and after global training and writes digit-strings.png into --out."},
        footerHeading = "%nExamples:%n",
        footer = {"  ebl4j example digit-strings --data ../shared/data/mnist-10k",
            "  ebl4j example digit-strings --data DIR --criterion viterbi --epochs 2 --json"})
public final class DigitStringsCommand extends FiguresCommand {
    @Mixin
    MnistData mnist;

    @Option(names = "--train-strings", paramLabel = "N", defaultValue = "1600",
            description = "Training strings (default: ${DEFAULT-VALUE}).")
    int trainStrings;

    @Option(names = "--test-strings", paramLabel = "N", defaultValue = "400",
            description = "Test strings (default: ${DEFAULT-VALUE}).")
    int testStrings;

    @Option(names = "--min-length", paramLabel = "N", defaultValue = "3",
            description = "Fewest digits in a string (default: ${DEFAULT-VALUE}).")
    int minLength;

    @Option(names = "--max-length", paramLabel = "N", defaultValue = "6",
            description = "Most digits in a string (default: ${DEFAULT-VALUE}).")
    int maxLength;

    @Option(names = "--max-gap", paramLabel = "PX", defaultValue = "6",
            description = "Widest gap between two digits in columns; 0 is touching (default: ${DEFAULT-VALUE}).")
    int maxGap;

    @Option(names = "--pretrain-epochs", paramLabel = "N", defaultValue = "8",
            description = "Epochs of pre-training on isolated digits (default: ${DEFAULT-VALUE}).")
    int pretrainEpochs;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "5",
            description = "Epochs of global training on strings (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--pretrain-lr", paramLabel = "LR", defaultValue = "0.002",
            description = "Adam learning rate of pre-training (default: ${DEFAULT-VALUE}).")
    double pretrainLr;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "0.0005",
            description = "Adam learning rate of global training (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "8",
            description = "Strings per global training step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--criterion", paramLabel = "C", defaultValue = "forward",
            description = "Global training criterion: forward (NLL through the graph) or viterbi "
                + "(default: ${DEFAULT-VALUE}).")
    String criterion;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/digit-strings",
            description = "Folder for digit-strings.png (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Override
    protected Map<String, Object> run(PrintWriter out) throws Exception {
        DigitStrings.Config config;
        try {
            config = new DigitStrings.Config(seed, trainStrings, testStrings, minLength, maxLength, maxGap,
                    pretrainEpochs, epochs, pretrainLr, lr, batch, DiscriminativeCriterion.named(criterion));
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        Mnist.Split split = mnist.split();
        out.printf(Locale.ROOT, "digit-strings: %d training strings from %d digits, %d test strings from %d digits "
                + "of %s; %d-%d digits, gaps 0-%d; %s training, seed %d, %d threads%n", trainStrings,
                split.train().size(), testStrings, split.test().size(), mnist.dir, minLength, maxLength, maxGap,
                config.criterion().name().toLowerCase(Locale.ROOT), seed, Threads.count());
        out.flush();
        DigitStrings.Result r = DigitStrings.run(split, config, new DigitStrings.Listener() {
            @Override
            public void pretrained(int epoch, double loss, double digitAccuracy) {
                out.printf(Locale.ROOT, "pretrain epoch %d  nll %.4f  isolated test digit accuracy %.4f%n", epoch,
                        loss, digitAccuracy);
                out.flush();
            }

            @Override
            public void epoch(int epoch, double loss, double stringAccuracy, int skipped) {
                out.printf(Locale.ROOT, "global epoch %d  %s loss %.4f  test string accuracy %.4f  (%d training "
                        + "strings without a path skipped)%n", epoch, criterion, loss, stringAccuracy, skipped);
                out.flush();
            }
        });
        Path png = outDir.resolve("digit-strings.png");
        DigitStrings.writeFigure(r, png);
        out.printf(Locale.ROOT, "over-segmentation: %.1f segments per string, every true cut found in %.1f %% of "
                + "test strings%n", r.segmentsPerString(), 100 * r.recall());
        out.println("figure: " + png);
        out.printf(Locale.ROOT, "test string accuracy: pre-trained %.4f, globally trained %.4f (isolated digits "
                + "%.4f -> %.4f)  %.1f s%n", r.stringAccuracyPretrained(), r.stringAccuracy(),
                r.digitAccuracyPretrained(), r.digitAccuracy(), r.seconds());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("example", "digit-strings");
        figures.put("string_accuracy", r.stringAccuracy());
        figures.put("string_accuracy_pretrained", r.stringAccuracyPretrained());
        figures.put("digit_accuracy_isolated", r.digitAccuracy());
        figures.put("digit_accuracy_isolated_pretrained", r.digitAccuracyPretrained());
        figures.put("string_accuracy_per_epoch", r.accuracyPerEpoch());
        figures.put("loss_per_epoch", r.lossPerEpoch());
        figures.put("criterion", config.criterion().name().toLowerCase(Locale.ROOT));
        figures.put("segmentation_recall", r.recall());
        figures.put("segments_per_string", r.segmentsPerString());
        figures.put("train_strings", r.trainStrings());
        figures.put("test_strings", r.testStrings());
        figures.put("skipped_strings", r.skipped());
        figures.put("pretrain_epochs", pretrainEpochs);
        figures.put("epochs", epochs);
        figures.put("seconds", r.seconds());
        figures.put("figure", png.toString());
        figures.put("seed", seed);
        figures.put("threads", Threads.count());
        return figures;
    }
}
