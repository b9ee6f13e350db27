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

/** {@code ebl4j example rbm-ais}: trains a binary RBM on MNIST and measures its log-likelihood ({@link RbmAis}). */
@Command(name = "rbm-ais",
        description = {"Train a binary restricted Boltzmann machine on binarised MNIST digits with contrastive "
            + "divergence (CD-k, or persistent CD), estimate its partition function by annealed importance sampling "
            + "(Salakhutdinov & Murray 2008) and report the average log-likelihood of the training and test digits "
            + "in nats (the paper: -125.5 for CD-1, -86.3 for CD-25, 500 hidden units, all 60,000 digits).",
            "The data directory holds images-idx3-ubyte.gz and labels-idx1-ubyte.gz; the first --train-size digits "
                + "train, the rest test (mnist-10k: 8,000 / 2,000). The spread is 3 standard errors of the mean "
                + "importance weight, carried to log Z."},
        footerHeading = "%nExamples:%n",
        footer = {"  ebl4j example rbm-ais --data ../shared/data/mnist-10k",
            "  ebl4j example rbm-ais --data ../shared/data/mnist-10k --persistent --json",
            "  ebl4j example rbm-ais --data DIR --epochs 5 --cd 3 --binarise threshold --json"})
public final class RbmAisCommand extends FiguresCommand {
    @Mixin
    MnistData mnist;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "20",
            description = "Passes over the training digits (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--cd", paramLabel = "K", defaultValue = "1",
            description = "Gibbs sweeps per update, the k of CD-k (default: ${DEFAULT-VALUE}).")
    int cdK;

    @Option(names = "--persistent",
            description = "Persistent contrastive divergence (Tieleman 2008): the negative chains continue from "
                + "update to update instead of restarting at the data.")
    boolean persistent;

    @Option(names = "--hidden", paramLabel = "H", defaultValue = "500",
            description = "Hidden units (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "100",
            description = "Mini-batch size, and number of persistent chains (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "0.1",
            description = "Learning rate, at the start with --schedule linear (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--schedule", paramLabel = "S", defaultValue = "linear",
            description = "linear (the rate falls linearly to 0 over the run) or constant (default: "
                + "${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--momentum", paramLabel = "M", defaultValue = "0.5",
            description = "Momentum (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--weight-decay", paramLabel = "L", defaultValue = "0.001",
            description = "L2 weight decay on the weights (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--binarise", paramLabel = "HOW", defaultValue = "stochastic",
            description = "stochastic (pixel on with probability = intensity, drawn once) or threshold (pixel > 127)"
                + " (default: ${DEFAULT-VALUE}).")
    String binarise;

    @Option(names = "--ais-runs", paramLabel = "M", defaultValue = "100",
            description = "Annealing runs, done as one batch (default: ${DEFAULT-VALUE}).")
    int aisRuns;

    @Option(names = "--ais-temperatures", paramLabel = "K", defaultValue = "14500",
            description = "Intermediate distributions, spaced as in the paper (default: ${DEFAULT-VALUE}).")
    int aisTemperatures;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of binarisation, initialisation, mini-batches, Gibbs chains and AIS "
                + "(default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    protected Map<String, Object> run(PrintWriter out) throws Exception {
        RbmAis.Config config;
        try {
            config = new RbmAis.Config(epochs, cdK, persistent, hidden, batch, lr, momentum, weightDecay, schedule,
                    binarise, aisRuns, aisTemperatures, seed);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        Mnist.Split split = mnist.split();
        int pixels = split.train().images().shape(1) * split.train().images().shape(2);
        out.printf(Locale.ROOT, "rbm-ais: %d training and %d test digits from %s, binarised (%s); RBM %d-%d, %s, "
                        + "batch %d, lr %s (%s), momentum %s, weight decay %s, seed %d, %d threads, GEMM %s%n",
                split.train().size(), split.test().size(), mnist.dir, binarise, pixels, hidden,
                config.learning(split.train().size()).name(), batch, lr, schedule, momentum, weightDecay, seed,
                Threads.count(), Gemm.kernel().name());
        out.flush();
        RbmAis.Result r = RbmAis.run(split, config, out);
        out.printf(Locale.ROOT, "log Z = %.3f +- %.3f (3 standard errors; log(Z +- 3 sigma) in [%.3f, %.3f]), "
                        + "%.1f effective runs of %d, %.1f s%n", r.logZ(), r.logZSpread(), r.logZLow(),
                r.logZHigh(), r.aisEffectiveRuns(), aisRuns, r.aisSeconds());
        out.printf(Locale.ROOT, "%s: average log-likelihood %.2f nats per training digit, %.2f per test digit "
                + "(%.1f s of training)%n", r.method(), r.trainLogLikelihood(), r.testLogLikelihood(),
                r.trainSeconds());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("example", "rbm-ais");
        figures.put("test_log_likelihood", r.testLogLikelihood());
        figures.put("train_log_likelihood", r.trainLogLikelihood());
        figures.put("log_z", r.logZ());
        figures.put("log_z_spread", r.logZSpread());
        figures.put("log_z_low", r.logZLow());
        figures.put("log_z_high", r.logZHigh());
        figures.put("log_z_base", r.logZBase());
        figures.put("ais_effective_runs", r.aisEffectiveRuns());
        figures.put("train_seconds", r.trainSeconds());
        figures.put("ais_seconds", r.aisSeconds());
        figures.put("method", r.method());
        figures.put("epochs", epochs);
        figures.put("cd_k", cdK);
        figures.put("persistent", persistent);
        figures.put("hidden", hidden);
        figures.put("batch", batch);
        figures.put("lr", lr);
        figures.put("schedule", schedule);
        figures.put("momentum", momentum);
        figures.put("weight_decay", weightDecay);
        figures.put("binarise", binarise);
        figures.put("ais_runs", aisRuns);
        figures.put("ais_temperatures", aisTemperatures);
        figures.put("train_size", r.trainSize());
        figures.put("test_size", r.testSize());
        figures.put("seed", seed);
        figures.put("threads", Threads.count());
        figures.put("epoch_reconstruction_error", r.epochReconstructionError());
        return figures;
    }
}
