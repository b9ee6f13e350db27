package org.ebl4j.energy.loss;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.energy.architecture.BinaryClassifier;
import org.ebl4j.nn.Linear;
import org.ebl4j.optim.Sgd;
import org.ebl4j.tensor.Rng;
import org.junit.jupiter.api.Test;

/**
 * The tutorial's claim "log loss + linearly-parameterized binary classifier = logistic regression": the linear
 * {@link BinaryClassifier} E(W, Y, X) = −Y(w·X + b) trained with {@link LogLoss} and L2 weight decay λ minimises
 * <pre>J(w, b) = (1/n) Σ log(1 + exp(−2y_i(w·x_i + b))) + (λ/2)(‖w‖² + b²),</pre>
 * L2-regularised logistic regression; Newton's method in double on the same J gives the reference.
 */
class LogisticRegressionTest {
    static final double LAMBDA = 0.05;

    /**
     * Newton's method on J with z_i = (x_i, 1) and t_i = −2y_i u·z_i: ∇J = (1/n) Σ −2y_i σ(t_i) z_i + λu and
     * ∇²J = (1/n) Σ 4σ(t_i)(1 − σ(t_i)) z_i z_iᵀ + λI.
     */
    static double[] newton(LinearSvmTest.Data d, double lambda) {
        int n = d.signs().length;
        double[] u = new double[3];
        for (int iteration = 0; iteration < 100; iteration++) {
            double[] grad = new double[3];
            double[][] hess = new double[3][3];
            for (int i = 0; i < n; i++) {
                double[] z = {d.points()[i][0], d.points()[i][1], 1};
                double t = -2 * d.signs()[i] * (u[0] * z[0] + u[1] * z[1] + u[2]);
                double s = 1 / (1 + Math.exp(-t));
                for (int a = 0; a < 3; a++) {
                    grad[a] += -2 * d.signs()[i] * s * z[a] / n;
                    for (int b = 0; b < 3; b++) {
                        hess[a][b] += 4 * s * (1 - s) * z[a] * z[b] / n;
                    }
                }
            }
            for (int a = 0; a < 3; a++) {
                grad[a] += lambda * u[a];
                hess[a][a] += lambda;
            }
            double[] step = solve(hess, grad);
            double size = 0;
            for (int a = 0; a < 3; a++) {
                u[a] -= step[a];
                size = Math.max(size, Math.abs(step[a]));
            }
            if (size < 1e-15) {
                break;
            }
        }
        return u;
    }

    /** A x = b by Gaussian elimination with partial pivoting (3 × 3). */
    private static double[] solve(double[][] a0, double[] b0) {
        int n = b0.length;
        double[][] a = new double[n][];
        double[] b = b0.clone();
        for (int i = 0; i < n; i++) {
            a[i] = a0[i].clone();
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tr = a[col];
            a[col] = a[pivot];
            a[pivot] = tr;
            double tb = b[col];
            b[col] = b[pivot];
            b[pivot] = tb;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                for (int c = col; c < n; c++) {
                    a[r][c] -= f * a[col][c];
                }
                b[r] -= f * b[col];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int c = r + 1; c < n; c++) {
                s -= a[r][c] * x[c];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }

    @Test
    void logLossOnTheLinearBinaryClassifierIsLogisticRegression() {
        LinearSvmTest.Data d = LinearSvmTest.Data.blobs(23);
        double[] reference = newton(d, LAMBDA);
        Linear g = new Linear(2, 1, new Rng(9));
        BinaryClassifier model = new BinaryClassifier(g);
        LogLoss log = new LogLoss();
        // full-batch gradient descent: J is smooth and λ-strongly convex, so a fixed step converges linearly, and
        // gradients (unlike float32 loss values, which a line search would compare) stay accurate near the optimum
        Sgd sgd = new Sgd(model.parameters(), 0.3, 0, 0, false, LAMBDA);
        int steps = 1500;
        for (int t = 0; t < steps; t++) {
            sgd.zeroGrad();
            log.compute(model, d.x(), d.labels()).loss().backward();
            sgd.step();
        }
        double[] trained = {g.weight().get(0, 0), g.weight().get(0, 1), g.bias().get(0)};
        double err = 0;
        for (int k = 0; k < 3; k++) {
            err = Math.max(err, Math.abs(trained[k] - reference[k]));
        }
        System.out.printf("logistic regression: Newton w=(%.6f, %.6f) b=%.6f, trained w=(%.6f, %.6f) b=%.6f, "
                + "max |error| %.2e after %d steps%n", reference[0], reference[1], reference[2],
                trained[0], trained[1], trained[2], err, steps);
        assertTrue(err < 1e-3, "max |error| " + err);
    }
}
