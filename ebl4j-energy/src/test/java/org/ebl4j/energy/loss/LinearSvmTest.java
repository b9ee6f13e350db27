package org.ebl4j.energy.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.energy.architecture.BinaryClassifier;
import org.ebl4j.nn.Linear;
import org.ebl4j.optim.ExponentialDecay;
import org.ebl4j.optim.Sgd;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The tutorial's claim "hinge loss + linearly-parameterized binary classifier = linear SVM": the linear
 * {@link BinaryClassifier} E(W, Y, X) = −Y(w·X + b) trained with {@link HingeLoss} (margin m) and L2 weight decay
 * λ on w and b minimises
 * <pre>J(w, b) = (1/n) Σ max(0, m − 2y_i(w·x_i + b)) + (λ/2)(‖w‖² + b²),</pre>
 * a linear SVM with the bias regularised (as in liblinear). An independent solver in double, dual coordinate
 * descent (Hsieh et al., ICML 2008) on the same objective, gives the reference (w*, b*).
 */
class LinearSvmTest {
    static final int N = 40;
    static final double LAMBDA = 0.1;
    static final float MARGIN = 1f;

    /** Two overlapping Gaussian blobs in 2-D: x [n, 2], labels {0, 1} for the classifier, signs ±1 for the solvers. */
    record Data(Tensor x, Tensor labels, double[][] points, double[] signs) {
        static Data blobs(long seed) {
            Rng rng = new Rng(seed);
            double[][] p = new double[N][2];
            double[] s = new double[N];
            float[] xs = new float[N * 2];
            float[] ls = new float[N];
            for (int i = 0; i < N; i++) {
                s[i] = i % 2 == 0 ? 1 : -1;
                p[i][0] = (float) (0.8 * s[i] + rng.nextGaussian());
                p[i][1] = (float) (0.4 * s[i] + 0.5 + rng.nextGaussian());
                xs[2 * i] = (float) p[i][0];
                xs[2 * i + 1] = (float) p[i][1];
                ls[i] = s[i] > 0 ? 1 : 0;
            }
            return new Data(Tensor.of(xs, N, 2), Tensor.of(ls, N), p, s);
        }
    }

    /** The solution (w1, w2, b) and the number of points exactly on the margin (0 &lt; α_i &lt; C). */
    record Svm(double[] wb, int onMargin) {
    }

    /**
     * Dual coordinate descent for min ½‖v‖² + C Σ max(0, 1 − y_i v·z_i), z_i = (x_i, 1); J above is this problem
     * with v = 2(w, b)/m and C = 4/(λ m n), so (w, b) = (m/2) v.
     */
    static Svm svm(Data d, double lambda, double m) {
        double c = 4 / (lambda * m * N);
        double[] alpha = new double[N];
        double[] v = new double[3];
        for (int epoch = 0; epoch < 100_000; epoch++) {
            double worst = 0;
            for (int i = 0; i < N; i++) {
                double[] z = {d.points[i][0], d.points[i][1], 1};
                double q = z[0] * z[0] + z[1] * z[1] + 1;
                double g = d.signs[i] * (v[0] * z[0] + v[1] * z[1] + v[2]) - 1;
                double projected = alpha[i] == 0 ? Math.min(g, 0) : alpha[i] == c ? Math.max(g, 0) : g;
                worst = Math.max(worst, Math.abs(projected));
                double next = Math.min(Math.max(alpha[i] - g / q, 0), c);
                for (int k = 0; k < 3; k++) {
                    v[k] += (next - alpha[i]) * d.signs[i] * z[k];
                }
                alpha[i] = next;
            }
            if (worst < 1e-12) {
                break;
            }
        }
        int onMargin = 0;
        for (double a : alpha) {
            onMargin += a > 1e-9 && a < c - 1e-9 ? 1 : 0;
        }
        return new Svm(new double[] {m / 2 * v[0], m / 2 * v[1], m / 2 * v[2]}, onMargin);
    }

    @Test
    void hingeLossOnTheLinearBinaryClassifierIsTheLinearSvm() {
        Data d = Data.blobs(11);
        Svm svm = svm(d, LAMBDA, MARGIN);
        // points sit exactly on the margin: the optimum is on kinks of the hinge, not in a smooth region
        assertTrue(svm.onMargin() >= 2, svm.onMargin() + " points on the margin");
        double[] reference = svm.wb();
        Linear g = new Linear(2, 1, new Rng(5));
        BinaryClassifier model = new BinaryClassifier(g);
        HingeLoss hinge = new HingeLoss(MARGIN);
        // full batch; the minimum sits on the hinges' kinks, where a fixed step only oscillates: the step decays
        // geometrically, so the oscillation shrinks with it while the total path length stays long enough
        Sgd sgd = new Sgd(model.parameters(), 0.5, 0, 0, false, LAMBDA);
        ExponentialDecay schedule = new ExponentialDecay(0.5, 0.997);
        long start = System.nanoTime();
        int steps = 4000;
        for (int t = 0; t < steps; t++) {
            schedule.applyTo(sgd, t);
            sgd.zeroGrad();
            hinge.compute(model, d.x(), d.labels()).loss().backward();
            sgd.step();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] trained = {g.weight().get(0, 0), g.weight().get(0, 1), g.bias().get(0)};
        double err = 0;
        for (int k = 0; k < 3; k++) {
            err = Math.max(err, Math.abs(trained[k] - reference[k]));
        }
        System.out.printf("linear SVM: reference w=(%.6f, %.6f) b=%.6f, trained w=(%.6f, %.6f) b=%.6f, "
                + "max |error| %.2e, %d steps in %.2f s%n", reference[0], reference[1], reference[2], trained[0],
                trained[1], trained[2], err, steps, seconds);
        assertTrue(err < 1e-3, "max |error| " + err);
        assertEquals(objective(d, reference), objective(d, trained), 1e-5);
    }

    /** J(w, b) in double. */
    static double objective(Data d, double[] u) {
        double sum = 0;
        for (int i = 0; i < N; i++) {
            double f = u[0] * d.points[i][0] + u[1] * d.points[i][1] + u[2];
            sum += Math.max(0, MARGIN - 2 * d.signs[i] * f);
        }
        return sum / N + LAMBDA / 2 * (u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
    }
}
