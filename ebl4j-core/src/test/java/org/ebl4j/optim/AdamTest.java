package org.ebl4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AdamTest {
    private static final float[][] GRADS = {{0.5f, -1, 0, 3}, {0.1f, -0.8f, 0.2f, -3}, {-0.4f, 0.3f, 0.2f, 0.01f},
        {0.05f, 0.05f, -1, 0}};
    private static final float[] W0 = {1, -2, 0.3f, 0.7f};

    /**
     * Kingma &amp; Ba Algorithm 1 in float64, with L2 (or decoupled) weight decay and AMSGrad as in PyTorch:
     * m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², W ← W − η·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε).
     */
    private static double[] reference(int steps, double lr, double b1, double b2, double eps, double wd,
                                      boolean amsgrad, boolean decoupled) {
        int n = W0.length;
        double[] w = new double[n];
        double[] m = new double[n];
        double[] v = new double[n];
        double[] vMax = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = W0[i];
        }
        for (int t = 1; t <= steps; t++) {
            for (int i = 0; i < n; i++) {
                w[i] *= decoupled ? 1 - lr * wd : 1;
                double g = GRADS[t - 1][i] + (decoupled ? 0 : wd * w[i]);
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                vMax[i] = Math.max(vMax[i], v[i]);
                double vHat = (amsgrad ? vMax[i] : v[i]) / (1 - Math.pow(b2, t));
                w[i] -= lr * (m[i] / (1 - Math.pow(b1, t))) / (Math.sqrt(vHat) + eps);
            }
        }
        return w;
    }

    private static Tensor run(Adam adam, Tensor w, int steps) {
        for (int t = 0; t < steps; t++) {
            Problems.setGrad(w, GRADS[t]);
            adam.step();
        }
        return w;
    }

    private static void assertNear(double[] expected, float[] actual, double tol) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol, "component " + i);
        }
    }

    @Test
    void firstStepMovesEachWeightByTheLearningRateAgainstItsGradientSign() {
        // t = 1: m̂ = g and v̂ = g², so W₁ = W₀ − η·g/(|g| + ε) ≈ W₀ − η·sign(g), and W stays where g = 0.
        Tensor w = Tensor.of(W0.clone(), 4).requiresGrad(true);
        run(new Adam(List.of(w), 0.01), w, 1);
        assertArrayEquals(new float[] {0.99f, -1.99f, 0.3f, 0.69f}, w.toArray(), 1e-6f);
    }

    @Test
    void stepsMatchThePapersAlgorithmInDoublePrecision() {
        for (int steps = 1; steps <= GRADS.length; steps++) {
            Tensor w = Tensor.of(W0.clone(), 4).requiresGrad(true);
            run(new Adam(List.of(w), 0.05, 0.8, 0.95, 1e-3, 0, false), w, steps);
            assertNear(reference(steps, 0.05, 0.8, 0.95, 1e-3, 0, false, false), w.toArray(), 1e-6);
        }
        Tensor w = Tensor.of(W0.clone(), 4).requiresGrad(true);
        run(new Adam(List.of(w), 0.05, 0.9, 0.999, 1e-8, 0.1, false), w, GRADS.length);
        assertNear(reference(GRADS.length, 0.05, 0.9, 0.999, 1e-8, 0.1, false, false), w.toArray(), 1e-6);
    }

    @Test
    void amsgradDividesByTheLargestSecondMomentSeen() {
        Tensor plain = Tensor.of(W0.clone(), 4).requiresGrad(true);
        Tensor ams = Tensor.of(W0.clone(), 4).requiresGrad(true);
        run(new Adam(List.of(plain), 0.05, 0.5, 0.5, 1e-8, 0, false), plain, GRADS.length);
        run(new Adam(List.of(ams), 0.05, 0.5, 0.5, 1e-8, 0, true), ams, GRADS.length);
        assertNear(reference(GRADS.length, 0.05, 0.5, 0.5, 1e-8, 0, false, false), plain.toArray(), 1e-6);
        assertNear(reference(GRADS.length, 0.05, 0.5, 0.5, 1e-8, 0, true, false), ams.toArray(), 1e-6);
        // Component 3 saw g = ±3 then small gradients: over steps 3 and 4 v fell but v_max did not, so AMSGrad
        // moved it less.
        double plainMove = Math.abs(plain.get(3) - reference(2, 0.05, 0.5, 0.5, 1e-8, 0, false, false)[3]);
        double amsMove = Math.abs(ams.get(3) - reference(2, 0.05, 0.5, 0.5, 1e-8, 0, true, false)[3]);
        assertTrue(amsMove < plainMove, "AMSGrad moved " + amsMove + ", Adam " + plainMove);
    }

    @Test
    void adamWDecayIsDecoupledFromTheGradientScaling() {
        // With a zero loss gradient, Adam + L2 sees g = λW, which Adam normalises: W₁ = W₀ − η·sign(W₀), the
        // same step for every weight. AdamW shrinks instead: W₁ = (1 − ηλ)·W₀, proportional to the weight.
        Tensor l2 = Tensor.vector(2, -3).requiresGrad(true);
        Tensor decoupled = Tensor.vector(2, -3).requiresGrad(true);
        Adam adam = new Adam(List.of(l2), 0.1, 0.9, 0.999, 1e-8, 0.01, false);
        AdamW adamW = new AdamW(List.of(decoupled), 0.1, 0.9, 0.999, 1e-8, 0.01, false);
        Problems.setGrad(l2, 0, 0);
        Problems.setGrad(decoupled, 0, 0);
        adam.step();
        adamW.step();
        assertArrayEquals(new float[] {1.9f, -2.9f}, l2.toArray(), 1e-5f);
        assertArrayEquals(new float[] {1.998f, -2.997f}, decoupled.toArray(), 1e-6f);
    }

    @Test
    void adamWIsAdamWithoutDecayOnTheShrunkWeights() {
        for (int steps = 1; steps <= GRADS.length; steps++) {
            Tensor w = Tensor.of(W0.clone(), 4).requiresGrad(true);
            run(new AdamW(List.of(w), 0.05, 0.9, 0.999, 1e-8, 0.5, false), w, steps);
            assertNear(reference(steps, 0.05, 0.9, 0.999, 1e-8, 0.5, false, true), w.toArray(), 1e-6);
        }
        // One step: the decay term is exactly −ηλW₀ on top of the undecayed Adam step.
        Tensor a = Tensor.of(W0.clone(), 4).requiresGrad(true);
        Tensor b = Tensor.of(W0.clone(), 4).requiresGrad(true);
        run(new Adam(List.of(a), 0.05), a, 1);
        run(new AdamW(List.of(b), 0.05, 0.9, 0.999, 1e-8, 0.5, false), b, 1);
        for (int i = 0; i < W0.length; i++) {
            assertEquals(a.get(i) - 0.05 * 0.5 * W0[i], b.get(i), 1e-6);
        }
    }

    @Test
    void aParameterWithoutGradientIsSkippedAndItsStepCountStays() {
        Tensor used = Tensor.of(W0.clone(), 4).requiresGrad(true);
        Tensor unused = Tensor.vector(5, 5).requiresGrad(true);
        Adam adam = new Adam(List.of(used, unused), 0.05, 0.8, 0.95, 1e-3, 0, false);
        run(adam, used, 2);
        Problems.setGrad(unused, 1, 1);
        used.zeroGrad();
        adam.step();
        assertEquals("2", adam.state().values().get("param.0.step"));
        assertEquals("1", adam.state().values().get("param.1.step"));
        assertNear(reference(2, 0.05, 0.8, 0.95, 1e-3, 0, false, false), used.toArray(), 1e-6);
        // The bias correction of a first step applies to the late parameter: W = 5 − η·1/(1 + ε).
        assertArrayEquals(new float[] {5 - 0.05f / 1.001f, 5 - 0.05f / 1.001f}, unused.toArray(), 1e-6f);
    }

    @Test
    void solvesLinearLeastSquaresToTheNormalEquationsSolution() {
        Problems.LeastSquares ls = new Problems.LeastSquares(40, 5, 11);
        Tensor w = Tensor.zeros(5, 1).requiresGrad(true);
        Adam adam = new Adam(List.of(w), 0.05);
        LearningRateSchedule schedule = new CosineAnnealing(0.05, 1e-4, 1500);
        for (int t = 0; t < 1500; t++) {
            schedule.applyTo(adam, t);
            adam.zeroGrad();
            ls.loss(w).backward();
            adam.step();
        }
        assertNear(ls.solution(), w.toArray(), 1e-3);
    }

    @Test
    void badSettingsAreRejectedWithTheirRange() {
        List<Tensor> p = List.of(Tensor.zeros(2).requiresGrad(true));
        String beta1 = assertThrows(IllegalArgumentException.class,
                () -> new Adam(p, 0.1, 1.0, 0.999, 1e-8, 0, false)).getMessage();
        assertTrue(beta1.contains("Adam") && beta1.contains("beta1") && beta1.contains("[0, 1)"), beta1);
        String beta2 = assertThrows(IllegalArgumentException.class,
                () -> new AdamW(p, 0.1, 0.9, -0.1, 1e-8, 0, false)).getMessage();
        assertTrue(beta2.contains("AdamW") && beta2.contains("beta2"), beta2);
        assertThrows(IllegalArgumentException.class, () -> new Adam(p, -1));
        assertThrows(IllegalArgumentException.class, () -> new Adam(p, 0.1, 0.9, 0.999, -1e-8, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new AdamW(p, 0.1, 0.9, 0.999, 1e-8, -0.01, false));
    }
}
