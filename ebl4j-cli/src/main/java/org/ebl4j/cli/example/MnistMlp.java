package org.ebl4j.cli.example;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.data.Mnist;
import org.ebl4j.nn.Linear;
import org.ebl4j.nn.Layer;
import org.ebl4j.nn.ReLU;
import org.ebl4j.nn.Sequential;
import org.ebl4j.optim.Sgd;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * Digit classification with a multi-layer perceptron s(X) = W₂ relu(W₁X + b₁) + b₂ trained by SGD with momentum on
 * the cross-entropy (negative log-likelihood) loss L = −(1/B) Σᵢ log softmax(s(Xᵢ))[Yᵢ]. Pixels are standardised
 * with the mean and standard deviation of the training pixels.
 *
 * <p>In energy terms (LeCun et al. 2006, §2.2): E(W, Y, X) = −s_Y(X); inference is Y* = argmin_Y E(W, Y, X), and
 * the NLL loss with β = 1 pushes down the energy of the right answer while pulling up every answer in proportion to
 * its Gibbs probability.
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

    /** The classifier: inputs of width {@code in}, one hidden ReLU layer, {@code classes} scores. */
    public static Layer model(int in, int hidden, int classes, Rng rng) {
        return new Sequential(new Linear(in, hidden, rng), new ReLU(), new Linear(hidden, classes, rng));
    }

    /** −mean log softmax(scores)[label]: the NLL loss of the energies −scores. */
    public static Tensor crossEntropy(Tensor scores, Indices labels) {
        return scores.logSoftmax(1).gather(1, labels.reshape(labels.numel(), 1)).mean().neg();
    }

    /** Trains on {@code data.train()} (shuffled each epoch), evaluates on {@code data.test()} after each epoch. */
    public static Result train(Mnist.Split data, Config c, PrintWriter log) {
        float[] ms = meanStd(data.train().images());
        Tensor x = standardise(data.train().flatImages(), ms);
        Tensor testX = standardise(data.test().flatImages(), ms);
        Indices y = data.train().labels();
        int n = data.train().size();
        Rng rng = new Rng(c.seed());
        Layer model = model(x.shape(1), c.hidden(), Mnist.CLASSES, rng);
        Sgd sgd = new Sgd(model.parameters(), c.lr(), c.momentum());
        List<Double> losses = new ArrayList<>();
        List<Double> accuracies = new ArrayList<>();
        long trainNanos = 0;
        for (int epoch = 1; epoch <= c.epochs(); epoch++) {
            long t0 = System.nanoTime();
            int[] order = rng.permutation(n);
            double lossSum = 0;
            for (int from = 0; from < n; from += c.batch()) {
                Indices rows = Indices.of(Arrays.copyOfRange(order, from, Math.min(n, from + c.batch())));
                sgd.zeroGrad();
                Tensor loss = crossEntropy(model.forward(x.indexSelect(rows)), labels(y, rows));
                loss.backward();
                sgd.step();
                lossSum += loss.item() * rows.numel();
            }
            trainNanos += System.nanoTime() - t0;
            losses.add(lossSum / n);
            accuracies.add(accuracy(model, testX, data.test().labels()));
            log.printf(Locale.ROOT, "epoch %d/%d  train loss %.4f  test accuracy %.2f %%  (%.1f s)%n", epoch,
                    c.epochs(), losses.get(epoch - 1), 100 * accuracies.get(epoch - 1), trainNanos / 1e9);
            log.flush();
        }
        return new Result(n, data.test().size(), losses, accuracies, trainNanos / 1e9);
    }

    /** Fraction of inputs {@code x} whose minimal-energy answer (maximal score) is the label. */
    public static double accuracy(Layer model, Tensor x, Indices labels) {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            Indices predicted = model.forward(x).argmax(1);
            int right = 0;
            for (int i = 0; i < labels.numel(); i++) {
                right += predicted.get(i) == labels.get(i) ? 1 : 0;
            }
            return (double) right / labels.numel();
        }
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

    private static Indices labels(Indices all, Indices rows) {
        int[] out = new int[rows.numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(rows.get(i));
        }
        return Indices.of(out);
    }
}
