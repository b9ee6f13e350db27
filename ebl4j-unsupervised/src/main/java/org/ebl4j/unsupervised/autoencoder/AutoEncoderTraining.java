package org.ebl4j.unsupervised.autoencoder;

/**
 * How {@link AutoEncoder#fit} trains: {@code epochs} passes of Adam (learning rate {@code learningRate}) over
 * mini-batches of {@code batchSize} rows, shuffled by a generator seeded with {@code seed}.
 */
public record AutoEncoderTraining(int epochs, int batchSize, double learningRate, long seed) {
    public AutoEncoderTraining {
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("AutoEncoderTraining: epochs and batchSize must be >= 1, got epochs="
                    + epochs + ", batchSize=" + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("AutoEncoderTraining: learningRate must be a finite number > 0, got "
                    + learningRate);
        }
    }

    /** 100 epochs, batches of 64, learning rate 0.01, seed 0. */
    public static AutoEncoderTraining defaults() {
        return new AutoEncoderTraining(100, 64, 1e-2, 0);
    }
}
