package org.ebl4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AutodiffTest {
    @Test
    void chainRuleOnAPolynomial() {
        Tensor x = Tensor.vector(1f, -2f, 3f).requiresGrad(true);
        x.mul(x).add(x.mul(3f)).sum().backward(); // d/dx (x² + 3x) = 2x + 3
        assertArrayClose(new float[] {5f, -1f, 9f}, x.grad().toArray());
    }

    @Test
    void gradientsAccumulateUntilCleared() {
        Tensor w = Tensor.vector(2f).requiresGrad(true);
        w.mul(3f).sum().backward();
        w.mul(3f).sum().backward();
        assertEquals(6f, w.grad().item(), 0f);
        w.zeroGrad();
        assertNull(w.grad());
    }

    @Test
    void sharedSubexpressionsSumTheirContributions() {
        Tensor x = Tensor.vector(0.5f).requiresGrad(true);
        Tensor y = x.tanh();
        y.mul(y).add(y).sum().backward(); // d/dx (t² + t) = (2t + 1)(1 − t²)
        double t = Math.tanh(0.5);
        assertEquals((2 * t + 1) * (1 - t * t), x.grad().item(), 1e-6);
    }

    @Test
    void leavesNeverShareGradientStorage() {
        Tensor a = Tensor.vector(1f, 2f).requiresGrad(true);
        Tensor b = Tensor.vector(3f, 4f).requiresGrad(true);
        a.add(b).sum().backward(); // add's backward hands the same tensor to both operands
        assertTrue(a.grad().storage() != b.grad().storage());
        a.grad().fill(0f);
        assertArrayClose(new float[] {1f, 1f}, b.grad().toArray());
    }

    @Test
    void noGradRecordsNothingAndDetachCutsTheGraph() {
        Tensor x = Tensor.vector(1f).requiresGrad(true);
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            Tensor y = x.mul(2f);
            assertTrue(!y.requiresGrad() && y.gradFn() == null);
        }
        assertTrue(x.mul(2f).requiresGrad());
        Tensor z = x.mul(2f).detach().mul(x);
        z.sum().backward();
        assertEquals(2f, x.grad().item(), 0f); // only the non-detached factor contributes
    }

    @Test
    void gradWithRespectToAnInputLeavesParametersUntouched() {
        // E(W, Y) = ||W Y||²: dE/dY = 2 Wᵀ W Y, as needed for inference by gradient descent on Y
        Tensor w = Tensor.matrix(new float[][] {{1, 2}, {0, 1}}).requiresGrad(true);
        Tensor y = Tensor.vector(1f, -1f).requiresGrad(true);
        Tensor wy = w.matmul(y);
        Tensor e = wy.mul(wy).sum();
        Tensor dy = Autodiff.grad(e, y);
        // W y = (-1, -1); Wᵀ (W y) = (-1, -3); times 2
        assertArrayClose(new float[] {-2f, -6f}, dy.toArray());
        assertNull(w.grad());
        assertNull(y.grad());
    }

    @Test
    void secondDerivativesThroughCreateGraph() {
        Tensor x = Tensor.vector(2f).requiresGrad(true);
        Tensor y = x.pow(3f).sum();
        Tensor dy = Autodiff.grad(List.of(y), List.of(Tensor.scalar(1f)), List.of(x), true)[0];
        assertEquals(12f, dy.item(), 1e-4f); // 3x²
        Tensor d2 = Autodiff.grad(dy.sum(), x);
        assertEquals(12f, d2.item(), 1e-4f); // 6x
    }

    @Test
    void unusedInputsGetZeroGradients() {
        Tensor x = Tensor.vector(1f, 2f).requiresGrad(true);
        Tensor u = Tensor.vector(3f).requiresGrad(true);
        Tensor[] g = Autodiff.grad(x.sum(), x, u);
        assertArrayClose(new float[] {0f}, g[1].toArray());
    }

    @Test
    void longChainsDoNotOverflowTheStack() {
        Tensor x = Tensor.vector(1f).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 20_000; i++) {
            y = y.mul(1.0001f);
        }
        y.sum().backward();
        assertEquals(Math.pow(1.0001, 20_000), x.grad().item(), 1e-2);
    }

    @Test
    void clearErrorsForMisuse() {
        Tensor x = Tensor.vector(1f, 2f).requiresGrad(true);
        IllegalArgumentException notScalar = assertThrows(IllegalArgumentException.class, () -> x.mul(2f).backward());
        assertTrue(notScalar.getMessage().contains("scalar"), notScalar.getMessage());
        IllegalArgumentException noGraph = assertThrows(IllegalArgumentException.class,
                () -> Autodiff.grad(Tensor.scalar(1f), x));
        assertTrue(noGraph.getMessage().contains("requiresGrad"), noGraph.getMessage());
    }

    private static void assertArrayClose(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5, "element " + i);
        }
    }
}
