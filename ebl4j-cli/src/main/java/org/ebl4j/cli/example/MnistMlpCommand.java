package org.ebl4j.cli.example;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.ebl4j.cli.FiguresCommand;
import org.ebl4j.data.Mnist;
import org.ebl4j.kernel.Gemm;
import org.ebl4j.kernel.Threads;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ebl4j example mnist-mlp}: trains {@link MnistMlp} and reports its test accuracy. */
@Command(name = "mnist-mlp",
        description = {"Train a 784-256-10 ReLU perceptron (standardised pixels, cross-entropy, SGD with momentum) "
            + "on MNIST digits and report the test accuracy.",
            "The data directory holds images-idx3-ubyte.gz and labels-idx1-ubyte.gz; the first --train-size digits "
                + "train, the rest test (mnist-10k: 8,000 / 2,000)."},
        footerHeading = "%nExamples:%n",
        footer = {"  ebl4j example mnist-mlp --data ../shared/data/mnist-10k",
            "  ebl4j example mnist-mlp --data DIR --epochs 5 --seed 7 --json"})
public final class MnistMlpCommand extends FiguresCommand {
    @Mixin
    MnistData mnist;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10",
            description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of initialisation and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--hidden", paramLabel = "H", defaultValue = "256",
            description = "Hidden units (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "128",
            description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "0.1",
            description = "SGD learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--momentum", paramLabel = "M", defaultValue = "0.9",
            description = "SGD momentum (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Override
    protected Map<String, Object> run(PrintWriter out) throws Exception {
        MnistMlp.Config config;
        try {
            config = new MnistMlp.Config(epochs, seed, hidden, batch, lr, momentum);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        Mnist.Split split = mnist.split();
        int pixels = split.train().images().shape(1) * split.train().images().shape(2);
        out.printf(Locale.ROOT, "mnist-mlp: %d training and %d test digits from %s; MLP %d-%d-%d, batch %d, "
                + "lr %s, momentum %s, seed %d, %d threads, GEMM %s%n", split.train().size(), split.test().size(),
                mnist.dir, pixels, hidden, Mnist.CLASSES, batch, lr, momentum, seed, Threads.count(),
                Gemm.kernel().name());
        out.flush();
        MnistMlp.Result r = MnistMlp.train(split, config, out);
        out.printf(Locale.ROOT, "test accuracy %.2f %% after %d epoch%s, %.1f s of training%n",
                100 * r.testAccuracy(), epochs, epochs == 1 ? "" : "s", r.trainSeconds());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("example", "mnist-mlp");
        figures.put("test_accuracy", r.testAccuracy());
        figures.put("train_loss", r.trainLoss());
        figures.put("train_seconds", r.trainSeconds());
        figures.put("epochs", epochs);
        figures.put("train_size", r.trainSize());
        figures.put("test_size", r.testSize());
        figures.put("seed", seed);
        figures.put("threads", Threads.count());
        figures.put("epoch_loss", r.epochLoss());
        figures.put("epoch_test_accuracy", r.epochAccuracy());
        return figures;
    }
}
