package org.ebl4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SgdTest {
    private static final float[][] Q = {{3, 1, 0}, {1, 2, 0.5f}, {0, 0.5f, 1}};
    private static final float[] B = {1, -2, 0.5f};

    /** Minimises f(w) = ½ wᵀQw − bᵀw (Q symmetric positive definite) and returns w. */
    private static float[] minimiseQuadratic(Sgd sgd, Tensor w, int steps) {
        Tensor q = Tensor.matrix(Q);
        Tensor b = Tensor.of(B, 3, 1);
        for (int t = 0; t < steps; t++) {
            sgd.zeroGrad();
            w.t().matmul(q.matmul(w)).mul(0.5f).sub(b.t().matmul(w)).sum().backward();
            sgd.step();
        }
        return w.toArray();
    }

    /** w* = Q⁻¹b. */
    private static double[] quadraticMinimiser() {
        double[][] m = new double[3][4];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[i][j] = Q[i][j];
            }
            m[i][3] = B[i];
        }
        return Problems.solve(m);
    }

    private static void assertNear(double[] expected, float[] actual, double tol) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol, "component " + i);
        }
    }

    @Test
    void plainMomentumAndNesterovReachTheClosedFormMinimiserOfAConvexQuadratic() {
        double[] best = quadraticMinimiser();
        Tensor w1 = Tensor.zeros(3, 1).requiresGrad(true);
        assertNear(best, minimiseQuadratic(new Sgd(List.of(w1), 0.2), w1, 300), 1e-5);
        Tensor w2 = Tensor.zeros(3, 1).requiresGrad(true);
        assertNear(best, minimiseQuadratic(new Sgd(List.of(w2), 0.05, 0.9), w2, 300), 1e-5);
        Tensor w3 = Tensor.zeros(3, 1).requiresGrad(true);
        assertNear(best, minimiseQuadratic(new Sgd(List.of(w3), 0.05, 0.9, 0, true, 0), w3, 300), 1e-5);
    }

    @Test
    void momentumStepsFollowPyTorchsFormulas() {
        // μ = 0.9, η = 0.1, W₀ = (1, −2), g₁ = (0.5, −1), g₂ = (1, 2).
        // Step 1: b = g₁ = (0.5, −1);               W = W₀ − η·b = (0.95, −1.9).
        // Step 2: b = μ·b + g₂ = (1.45, 1.1);         W = (0.95 − 0.145, −1.9 − 0.11) = (0.805, −2.01).
        Tensor w = Tensor.vector(1, -2).requiresGrad(true);
        Sgd sgd = new Sgd(List.of(w), 0.1, 0.9);
        Problems.setGrad(w, 0.5f, -1);
        sgd.step();
        assertArrayEquals(new float[] {0.95f, -1.9f}, w.toArray(), 1e-6f);
        Problems.setGrad(w, 1, 2);
        sgd.step();
        assertArrayEquals(new float[] {0.805f, -2.01f}, w.toArray(), 1e-6f);
    }

    @Test
    void nesterovStepsFollowPyTorchsFormulas() {
        // Same data; the step uses d = g + μ·b.
        // Step 1: b = (0.5, −1), d = (0.5 + 0.45, −1 − 0.9) = (0.95, −1.9);  W = (0.905, −1.81).
        // Step 2: b = (1.45, 1.1), d = (1 + 1.305, 2 + 0.99) = (2.305, 2.99); W = (0.6745, −2.109).
        Tensor w = Tensor.vector(1, -2).requiresGrad(true);
        Sgd sgd = new Sgd(List.of(w), 0.1, 0.9, 0, true, 0);
        Problems.setGrad(w, 0.5f, -1);
        sgd.step();
        assertArrayEquals(new float[] {0.905f, -1.81f}, w.toArray(), 1e-6f);
        Problems.setGrad(w, 1, 2);
        sgd.step();
        assertArrayEquals(new float[] {0.6745f, -2.109f}, w.toArray(), 1e-6f);
    }

    @Test
    void dampeningAndWeightDecayFollowPyTorchsFormulas() {
        // μ = 0.9, τ = 0.5, λ = 0.1, η = 0.1, W₀ = (1, −2).
        // Step 1: g = g₁ + λW₀ = (0.6, −1.2); b = g (no dampening on the first step); W₁ = (0.94, −1.88).
        // Step 2: g = g₂ + λW₁ = (1.094, 1.812); b = 0.9·(0.6, −1.2) + 0.5·g = (1.087, −0.174);
        //         W₂ = W₁ − η·b = (0.8313, −1.8626).
        Tensor w = Tensor.vector(1, -2).requiresGrad(true);
        Sgd sgd = new Sgd(List.of(w), 0.1, 0.9, 0.5, false, 0.1);
        Problems.setGrad(w, 0.5f, -1);
        sgd.step();
        assertArrayEquals(new float[] {0.94f, -1.88f}, w.toArray(), 1e-6f);
        Problems.setGrad(w, 1, 2);
        sgd.step();
        assertArrayEquals(new float[] {0.8313f, -1.8626f}, w.toArray(), 1e-6f);
    }

    @Test
    void parametersWithoutGradientAreLeftAlone() {
        Tensor used = Tensor.vector(1, 1).requiresGrad(true);
        Tensor unused = Tensor.vector(5, 5).requiresGrad(true);
        Sgd sgd = new Sgd(List.of(used, unused), 0.5, 0.9);
        Problems.setGrad(used, 1, -1);
        sgd.step();
        assertArrayEquals(new float[] {0.5f, 1.5f}, used.toArray());
        assertArrayEquals(new float[] {5, 5}, unused.toArray());
        assertEquals(List.of("param.0.momentum"), List.copyOf(sgd.state().tensors().keySet()));
    }

    @Test
    void badSettingsAreRejectedWithTheirRange() {
        List<Tensor> p = List.of(Tensor.zeros(2).requiresGrad(true));
        String lr = assertThrows(IllegalArgumentException.class, () -> new Sgd(p, -0.1)).getMessage();
        assertTrue(lr.contains("lr") && lr.contains(">= 0") && lr.contains("-0.1"), lr);
        String mu = assertThrows(IllegalArgumentException.class, () -> new Sgd(p, 0.1, 1.0)).getMessage();
        assertTrue(mu.contains("momentum") && mu.contains("[0, 1)"), mu);
        assertThrows(IllegalArgumentException.class, () -> new Sgd(p, 0.1, -0.5));
        String nest = assertThrows(IllegalArgumentException.class,
                () -> new Sgd(p, 0.1, 0, 0, true, 0)).getMessage();
        assertTrue(nest.contains("nesterov") && nest.contains("momentum"), nest);
        assertThrows(IllegalArgumentException.class, () -> new Sgd(p, 0.1, 0.9, 0.5, true, 0));
        String damp = assertThrows(IllegalArgumentException.class,
                () -> new Sgd(p, 0.1, 0.9, 1.5, false, 0)).getMessage();
        assertTrue(damp.contains("dampening") && damp.contains("[0, 1]"), damp);
        String wd = assertThrows(IllegalArgumentException.class,
                () -> new Sgd(p, 0.1, 0.9, 0, false, -1)).getMessage();
        assertTrue(wd.contains("weightDecay"), wd);
        assertThrows(IllegalArgumentException.class, () -> new Sgd(p, Double.NaN));
    }
}
