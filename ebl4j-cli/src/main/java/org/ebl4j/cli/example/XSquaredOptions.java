package org.ebl4j.cli.example;

import picocli.CommandLine.Option;

/** The settings of {@link XSquared} runs, shared by {@code example collapse} and {@code example x-squared}. */
public final class XSquaredOptions {
    @Option(names = "--epochs", paramLabel = "N", defaultValue = "120",
            description = "Passes over the training samples (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the samples, initial weights, shuffling and searches (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--samples", paramLabel = "P", defaultValue = "256",
            description = "Training samples (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--noise", paramLabel = "SIGMA", defaultValue = "0.02",
            description = "Standard deviation of the noise on Y = X² (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--hidden", paramLabel = "H", defaultValue = "16",
            description = "Hidden tanh units of each network (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "64",
            description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "0.02",
            description = "Adam learning rate, the same for every loss (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--margin", paramLabel = "M", defaultValue = "1",
            description = "Margin m of the hinge and square-square losses (default: ${DEFAULT-VALUE}).")
    double margin;

    @Option(names = "--epsilon", paramLabel = "EPS", defaultValue = "0.2",
            description = "Radius of the ball around the correct answer that incorrect answers lie outside "
                    + "(default: ${DEFAULT-VALUE}).")
    double epsilon;

    @Option(names = "--beta", paramLabel = "BETA", defaultValue = "1",
            description = "Inverse temperature of the NLL loss (default: ${DEFAULT-VALUE}).")
    double beta;

    /** The settings; throws IllegalArgumentException naming a value out of range. */
    XSquared.Config config() {
        return new XSquared.Config(epochs, seed, samples, noise, hidden, batch, lr, margin, epsilon, beta);
    }

    /** One line describing the settings, for the start of the output. */
    String describe() {
        return samples + " samples Y = X² + N(0, " + noise + "²), X ~ U[-1, 1]; tanh networks with " + hidden
                + " hidden units; Adam lr " + lr + ", batch " + batch + ", " + epochs + " epochs, seed " + seed
                + "; margin " + margin + ", epsilon " + epsilon + ", beta " + beta;
    }
}
