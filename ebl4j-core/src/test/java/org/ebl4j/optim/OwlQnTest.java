package org.ebl4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * OWL-QN against closed-form and independently computed L1-regularised solutions: the lasso by coordinate descent,
 * L1 logistic regression by proximal gradient (FISTA), both in float64.
 */
class OwlQnTest {
    /** The closure of a smooth loss f(w) of one parameter. */
    private static Closure closure(Optimizer opt, Tensor w, Function<Tensor, Tensor> f) {
        return () -> {
            opt.zeroGrad();
            Tensor l = f.apply(w);
            l.backward();
            return l.item();
        };
    }

    /** Calls step until F stops changing; returns F. */
    private static double minimise(OwlQn owlqn, Closure closure) {
        double previous = Double.POSITIVE_INFINITY;
        for (int call = 0; call < 50; call++) {
            double f = owlqn.step(closure);
            if (f == previous) {
                break;
            }
            previous = f;
        }
        return previous;
    }

    private static double[] column(Tensor w) {
        double[] v = new double[w.numel()];
        for (int i = 0; i < v.length; i++) {
            v[i] = w.toArray()[i];
        }
        return v;
    }

    /** A [n, d] design with correlated columns and targets from a sparse w (3 of d non-zero) plus noise. */
    private static Tensor[] sparseRegression(int n, int d, long seed) {
        Rng rng = new Rng(seed);
        Tensor z = rng.normal(0, 1, n, d);
        Tensor a = z.add(z.slice(1, 0, 1).mul(0.5f));
        float[] truth = new float[d];
        truth[0] = 2;
        truth[3] = -1.5f;
        truth[5] = 1;
        Tensor b = a.matmul(Tensor.of(truth, d, 1)).add(rng.normal(0, 0.3f, n, 1));
        return new Tensor[] {a, b};
    }

    // ---------------------------------------------------------------- the lasso

    /** (1/2n)‖Aw − b‖². */
    private static Tensor squares(Tensor a, Tensor b, Tensor w) {
        return a.matmul(w).sub(b).square().mean().mul(0.5f);
    }

    /** The lasso by cyclic coordinate descent with exact coordinate minimisation (soft thresholding), float64. */
    private static double[] lassoByCoordinateDescent(Tensor a, Tensor b, double c) {
        int n = a.shape(0);
        int d = a.shape(1);
        double[] w = new double[d];
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = b.get(i, 0);
        }
        for (int sweep = 0; sweep < 5000; sweep++) {
            for (int j = 0; j < d; j++) {
                double rho = 0;
                double norm = 0;
                for (int i = 0; i < n; i++) {
                    double aij = a.get(i, j);
                    rho += aij * (r[i] + aij * w[j]);
                    norm += aij * aij;
                }
                double next = Math.signum(rho) * Math.max(Math.abs(rho) / n - c, 0) / (norm / n);
                for (int i = 0; i < n; i++) {
                    r[i] -= a.get(i, j) * (next - w[j]);
                }
                w[j] = next;
            }
        }
        return w;
    }

    private static double lassoObjective(Tensor a, Tensor b, double[] w, double c) {
        double f = 0;
        for (int i = 0; i < a.shape(0); i++) {
            double r = -b.get(i, 0);
            for (int j = 0; j < w.length; j++) {
                r += a.get(i, j) * w[j];
            }
            f += r * r;
        }
        double l1 = 0;
        for (double v : w) {
            l1 += Math.abs(v);
        }
        return f / (2 * a.shape(0)) + c * l1;
    }

    @Test
    void separableLassoGivesTheSoftThresholdedTargets() {
        // f = (1/2d)‖w − b‖²: the minimiser of f + C‖w‖₁ is soft(b, dC) coordinate by coordinate
        float[] b = {3, -0.2f, 0.05f, -2.5f, 1, 0.4f, -0.45f, 0};
        int d = b.length;
        double c = 0.5 / d;
        Tensor target = Tensor.of(b, d, 1);
        Tensor w = Tensor.zeros(d, 1).requiresGrad(true);
        OwlQn owlqn = new OwlQn(List.of(w), c, 1, 100, 1e-9, 1e-12, 10);
        minimise(owlqn, closure(owlqn, w, v -> v.sub(target).square().mean().mul(0.5f)));
        for (int i = 0; i < d; i++) {
            double expect = Math.signum(b[i]) * Math.max(Math.abs(b[i]) - 0.5, 0);
            if (expect == 0) {
                assertEquals(0f, w.get(i, 0), "coordinate " + i + " must be exactly zero");
            } else {
                assertEquals(expect, w.get(i, 0), 1e-5, "coordinate " + i);
            }
        }
    }

    @Test
    void lassoMatchesCoordinateDescentWithTheSameExactZeros() {
        Tensor[] ab = sparseRegression(60, 10, 1);
        Tensor a = ab[0];
        Tensor b = ab[1];
        double c = 0.1;
        double[] reference = lassoByCoordinateDescent(a, b, c);
        Tensor w = Tensor.zeros(10, 1).requiresGrad(true);
        OwlQn owlqn = new OwlQn(List.of(w), c, 1, 100, 1e-7, 1e-10, 10);
        double f = minimise(owlqn, closure(owlqn, w, v -> squares(a, b, v)));
        double best = lassoObjective(a, b, reference, c);
        assertEquals(best, f, 1e-4 * Math.abs(best), "F returned by step");
        assertEquals(best, lassoObjective(a, b, column(w), c), 1e-4 * Math.abs(best), "F at the parameters");
        int zeros = 0;
        for (int j = 0; j < 10; j++) {
            if (reference[j] == 0) {
                zeros++;
                assertEquals(0f, w.get(j, 0), "coordinate " + j + " is zero in the lasso solution");
            } else {
                assertEquals(reference[j], w.get(j, 0), 1e-3, "coordinate " + j);
                assertTrue(w.get(j, 0) != 0, "coordinate " + j);
            }
        }
        assertTrue(zeros >= 5, "the fixture should have a sparse solution, got " + zeros + " zeros");
    }

    @Test
    void theObjectiveDecreasesAtEveryIteration() {
        Tensor[] ab = sparseRegression(60, 10, 2);
        Tensor w = Tensor.zeros(10, 1).requiresGrad(true);
        OwlQn owlqn = new OwlQn(List.of(w), 0.2, 1, 1, 0, 0, 5);
        Closure closure = closure(owlqn, w, v -> squares(ab[0], ab[1], v));
        double previous = lassoObjective(ab[0], ab[1], column(w), 0.2);
        for (int it = 0; it < 40; it++) {
            double f = owlqn.step(closure);
            assertTrue(f <= previous, "iteration " + it + ": F went from " + previous + " to " + f);
            assertEquals(lassoObjective(ab[0], ab[1], column(w), 0.2), f, 1e-5, "F at the parameters");
            previous = f;
        }
    }

    @Test
    void aLargeEnoughCoefficientKeepsEveryWeightAtZero() {
        // at w = 0 the optimality condition is |∂f/∂wᵢ| ≤ C for every i
        Tensor[] ab = sparseRegression(60, 10, 3);
        Tensor w = Tensor.zeros(10, 1).requiresGrad(true);
        squares(ab[0], ab[1], w).backward();
        double largest = 0;
        for (float g : w.grad().toArray()) {
            largest = Math.max(largest, Math.abs(g));
        }
        OwlQn owlqn = new OwlQn(List.of(w), 1.01 * largest);
        owlqn.step(closure(owlqn, w, v -> squares(ab[0], ab[1], v)));
        assertArrayEquals(new float[10], w.toArray());
        assertEquals(0, owlqn.iterations(), "the pseudo-gradient is zero at the start");
    }

    // ---------------------------------------------------------------- L1 logistic regression

    /** mean log(1 + exp(−yᵢ aᵢᵀw)) with labels ±1. */
    private static Tensor logistic(Tensor a, Tensor y, Tensor w) {
        return a.matmul(w).mul(y).neg().softplus().mean();
    }

    /** min mean log(1 + exp(−yᵢ aᵢᵀw)) + C‖w‖₁ by FISTA (Beck &amp; Teboulle 2009) with step 1/L, float64. */
    private static double[] logisticByFista(double[][] a, double[] y, double c) {
        int n = a.length;
        int d = a[0].length;
        double lipschitz = 0;
        for (double[] row : a) {
            for (double v : row) {
                lipschitz += v * v;
            }
        }
        double step = 4.0 * n / lipschitz;
        double[] w = new double[d];
        double[] z = new double[d];
        double momentum = 1;
        for (int k = 0; k < 20000; k++) {
            double[] grad = new double[d];
            for (int i = 0; i < n; i++) {
                double m = 0;
                for (int j = 0; j < d; j++) {
                    m += a[i][j] * z[j];
                }
                double s = -y[i] / (1 + Math.exp(y[i] * m)) / n;
                for (int j = 0; j < d; j++) {
                    grad[j] += s * a[i][j];
                }
            }
            double[] next = new double[d];
            for (int j = 0; j < d; j++) {
                double u = z[j] - step * grad[j];
                next[j] = Math.signum(u) * Math.max(Math.abs(u) - step * c, 0);
            }
            double nextMomentum = (1 + Math.sqrt(1 + 4 * momentum * momentum)) / 2;
            for (int j = 0; j < d; j++) {
                z[j] = next[j] + (momentum - 1) / nextMomentum * (next[j] - w[j]);
            }
            w = next;
            momentum = nextMomentum;
        }
        return w;
    }

    @Test
    void l1LogisticRegressionMatchesProximalGradientWithTheSameExactZeros() {
        Tensor[] ab = sparseRegression(100, 8, 4);
        int n = 100;
        int d = 8;
        double[][] a = new double[n][d];
        double[] y = new double[n];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                a[i][j] = ab[0].get(i, j);
            }
            y[i] = ab[1].get(i, 0) > 0 ? 1 : -1;
            labels[i] = (float) y[i];
        }
        Tensor ys = Tensor.of(labels, n, 1);
        double c = 0.05;
        double[] reference = logisticByFista(a, y, c);
        Tensor w = Tensor.zeros(d, 1).requiresGrad(true);
        OwlQn owlqn = new OwlQn(List.of(w), c, 1, 100, 1e-7, 1e-10, 10);
        double f = minimise(owlqn, closure(owlqn, w, v -> logistic(ab[0], ys, v)));
        double best = 0;
        for (int i = 0; i < n; i++) {
            double m = 0;
            for (int j = 0; j < d; j++) {
                m += a[i][j] * reference[j];
            }
            best += Math.log1p(Math.exp(-y[i] * m)) / n;
        }
        int zeros = 0;
        for (int j = 0; j < d; j++) {
            best += c * Math.abs(reference[j]);
            if (reference[j] == 0) {
                zeros++;
                assertEquals(0f, w.get(j, 0), "coordinate " + j + " is zero in the solution");
            } else {
                assertEquals(reference[j], w.get(j, 0), 2e-3, "coordinate " + j);
            }
        }
        assertEquals(best, f, 1e-4 * best);
        assertTrue(zeros >= 3, "the fixture should have a sparse solution, got " + zeros + " zeros");
    }

    // ---------------------------------------------------------------- C = 0, state, settings

    @Test
    void withoutL1ItTakesTheStepsOfLbfgsWithBacktracking() {
        Tensor p = Tensor.vector(-1.2f, 1).requiresGrad(true);
        Tensor q = Tensor.vector(-1.2f, 1).requiresGrad(true);
        OwlQn owlqn = new OwlQn(List.of(p), 0, 1, 5, 1e-7, 1e-12, 10);
        Lbfgs lbfgs = new Lbfgs(List.of(q), 1, 5, 1e-7, 1e-12, 10, Lbfgs.LineSearch.BACKTRACKING);
        Closure fp = closure(owlqn, p, Problems::rosenbrock);
        Closure fq = closure(lbfgs, q, Problems::rosenbrock);
        for (int call = 0; call < 8; call++) {
            assertEquals(lbfgs.step(fq), owlqn.step(fp), 1e-6, "step " + call);
            assertArrayEquals(q.toArray(), p.toArray(), 1e-5f, "step " + call);
        }
        assertEquals(lbfgs.iterations(), owlqn.iterations());
        assertEquals(lbfgs.evaluations(), owlqn.evaluations());
    }

    @Test
    void restoringStateResumesBitForBit() {
        Tensor[] ab = sparseRegression(60, 10, 5);
        Function<Tensor, Tensor> f = v -> squares(ab[0], ab[1], v);
        Tensor w = Tensor.zeros(10, 1).requiresGrad(true);
        OwlQn owlqn = new OwlQn(List.of(w), 0.1, 1, 3, 0, 0, 4);
        owlqn.step(closure(owlqn, w, f));
        OptimizerState saved = owlqn.state();
        float[] at = w.toArray();
        owlqn.step(closure(owlqn, w, f));
        Tensor resumed = Tensor.of(at, 10, 1).requiresGrad(true);
        OwlQn fresh = new OwlQn(List.of(resumed), 0.1, 1, 3, 0, 0, 4);
        fresh.loadState(saved);
        fresh.step(closure(fresh, resumed, f));
        assertArrayEquals(w.toArray(), resumed.toArray());
        assertEquals(owlqn.evaluations(), fresh.evaluations());
        assertEquals("OwlQn", saved.values().get("optimizer"));
    }

    @Test
    void badSettingsAndStepWithoutClosureAreRejected() {
        List<Tensor> p = List.of(Tensor.zeros(2).requiresGrad(true));
        String c = assertThrows(IllegalArgumentException.class, () -> new OwlQn(p, -1)).getMessage();
        assertTrue(c.contains("L1 coefficient C") && c.contains(">= 0") && c.contains("-1"), c);
        assertThrows(IllegalArgumentException.class, () -> new OwlQn(p, 1, 0, 20, 1e-7, 1e-9, 10));
        assertThrows(IllegalArgumentException.class, () -> new OwlQn(p, 1, 1, 0, 1e-7, 1e-9, 10));
        assertThrows(IllegalArgumentException.class, () -> new OwlQn(p, 1, 1, 20, 1e-7, 1e-9, 0));
        OwlQn owlqn = new OwlQn(p, 1);
        String msg = assertThrows(UnsupportedOperationException.class, owlqn::step).getMessage();
        assertTrue(msg.contains("step(Closure)"), msg);
    }
}
