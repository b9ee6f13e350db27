package org.ebl4j.cli.example;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.ebl4j.data.Mnist;
import org.ebl4j.energy.DiscreteEnergy;
import org.ebl4j.energy.architecture.MulticlassClassifier;
import org.ebl4j.energy.inference.ExhaustiveSearch;
import org.ebl4j.energy.loss.NegativeLogLikelihoodLoss;
import org.ebl4j.energy.train.Dataset;
import org.ebl4j.energy.train.EpochMetrics;
import org.ebl4j.energy.train.Trainer;
import org.ebl4j.energy.train.TrainingHistory;
import org.ebl4j.nn.Linear;
import org.ebl4j.nn.Layer;
import org.ebl4j.nn.ReLU;
import org.ebl4j.nn.Sequential;
import org.ebl4j.optim.Sgd;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * Digit classification as an energy-based model (LeCun et al. 2006, §2.2, the multiclass architecture): the energy
 * of label Y for image X is the Y-th output of a multi-layer perceptron, E(W, Y, X) = [W₂ relu(W₁X + b₁) + b₂]_Y;
 * inference is Y* = argmin_Y E(W, Y, X) (exhaustive over the 10 labels); learning minimises the negative
 * log-likelihood loss with β = 1, L = E(W, Y^i, X^i) + log Σ_y exp(−E(W, y, X^i)) (cross-entropy on −E), by SGD
 * with momentum through the {@link Trainer}. Pixels are standardised with the training pixels' mean and standard
 * deviation.
 */
public final class MnistMlp {
    private MnistMlp() {
    }

    /** Training settings; the constructor rejects values out of range. */
    public record Config(int epochs, long seed, int hidden, int batch, double lr, double momentum) {
        public Config {
            if (epochs < 1 || hidden < 1 || batch < 1) {
                throw new IllegalArgumentException("mnist-mlp: epochs, hidden and batch must be >= 1, got epochs="
                        + epochs + ", hidden=" + hidden + ", batch=" + batch);
            }
            if (!(lr > 0) || Double.isInfinite(lr) || !(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("mnist-mlp: need lr > 0 and momentum in [0, 1), got lr=" + lr
                        + ", momentum=" + momentum);
            }
        }
    }

    /** What a run measured: mean training loss per epoch, final test accuracy, training time (no evaluation). */
    public record Result(int trainSize, int testSize, List<Double> epochLoss, List<Double> epochAccuracy,
                         double trainSeconds) {
        public double trainLoss() {
            return epochLoss.get(epochLoss.size() - 1);
        }

        public double testAccuracy() {
            return epochAccuracy.get(epochAccuracy.size() - 1);
        }
    }

    /** The energy: inputs of width {@code in}, one hidden ReLU layer, one energy per class. */
    public static MulticlassClassifier energy(int in, int hidden, int classes, Rng rng) {
        Layer g = new Sequential(new Linear(in, hidden, rng), new ReLU(), new Linear(hidden, classes, rng));
        return new MulticlassClassifier(g, classes);
    }

    /** Trains on {@code data.train()} (shuffled each epoch), evaluates on {@code data.test()} after each epoch. */
    public static Result train(Mnist.Split data, Config c, PrintWriter log) {
        float[] ms = meanStd(data.train().images());
        Dataset train = new Dataset(standardise(data.train().flatImages(), ms), DiscreteEnergy.answers(data.train().labels()));
        Dataset test = new Dataset(standardise(data.test().flatImages(), ms), DiscreteEnergy.answers(data.test().labels()));
        MulticlassClassifier energy = energy(train.x().shape(1), c.hidden(), Mnist.CLASSES, new Rng(c.seed()));
        Trainer trainer = Trainer.builder(energy, new NegativeLogLikelihoodLoss(1f),
                        new Sgd(energy.parameters(), c.lr(), c.momentum()))
                .epochs(c.epochs()).batchSize(c.batch()).seed(c.seed())
                .validation(test).inference(new ExhaustiveSearch())
                .listener(m -> {
                    log.printf(Locale.ROOT, "epoch %d/%d  train loss %.4f  test accuracy %.2f %%  (%.1f s)%n",
                            m.epoch(), c.epochs(), m.get("train_loss"), 100 * m.get("val_accuracy"), m.seconds());
                    log.flush();
                })
                .build();
        TrainingHistory h = trainer.fit(train);
        double seconds = h.epochs().stream().mapToDouble(EpochMetrics::seconds).sum();
        return new Result(train.size(), test.size(), boxed(h.series("train_loss")), boxed(h.series("val_accuracy")),
                seconds);
    }

    private static List<Double> boxed(double[] v) {
        return Arrays.stream(v).boxed().toList();
    }

    /** Mean and standard deviation of all pixels (of the training set). */
    static float[] meanStd(Tensor images) {
        double sum = 0;
        double sq = 0;
        float[] v = images.toArray();
        for (float p : v) {
            sum += p;
            sq += (double) p * p;
        }
        double mean = sum / v.length;
        return new float[] {(float) mean, (float) Math.sqrt(Math.max(1e-12, sq / v.length - mean * mean))};
    }

    /** (x − mean) / std. */
    static Tensor standardise(Tensor x, float[] meanStd) {
        return x.sub(meanStd[0]).div(meanStd[1]);
    }
}
