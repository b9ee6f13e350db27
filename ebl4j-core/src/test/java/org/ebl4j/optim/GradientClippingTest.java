package org.ebl4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GradientClippingTest {
    @Test
    void clipByNormRescalesToTheMaxNormAndReturnsTheNormBefore() {
        // Global norm of ((3, 4), (12)) is √(9 + 16 + 144) = 13; scale 1 / (13 + 1e-6).
        Tensor a = Tensor.vector(0, 0).requiresGrad(true);
        Tensor b = Tensor.vector(0).requiresGrad(true);
        Tensor none = Tensor.vector(0).requiresGrad(true);
        Problems.setGrad(a, 3, 4);
        Problems.setGrad(b, 12);
        double norm = GradientClipping.clipGradNorm(List.of(a, b, none), 1);
        assertEquals(13, norm, 1e-6);
        float scale = (float) (1 / (13 + 1e-6));
        assertArrayEquals(new float[] {3 * scale, 4 * scale}, a.grad().toArray(), 1e-7f);
        assertArrayEquals(new float[] {12 * scale}, b.grad().toArray(), 1e-7f);
        assertNull(none.grad());
        assertEquals(1, GradientClipping.clipGradNorm(List.of(a, b), 1), 1e-6);
    }

    @Test
    void gradientsWithinTheLimitAreUntouched() {
        Tensor a = Tensor.vector(0, 0).requiresGrad(true);
        Problems.setGrad(a, 3, 4);
        Tensor before = a.grad();
        assertEquals(5, GradientClipping.clipGradNorm(List.of(a), 5.5), 1e-6);
        assertSame(before, a.grad());
        assertArrayEquals(new float[] {3, 4}, a.grad().toArray());
    }

    @Test
    void aGradientSharedByTwoParametersIsScaledOnce() {
        // The backward of a + b hands one tensor to both operands, so a.grad() and b.grad() can be one object.
        Tensor a = Tensor.vector(1, 1).requiresGrad(true);
        Tensor b = Tensor.vector(2, 2).requiresGrad(true);
        Tensor shared = Tensor.vector(3, 4);
        a.accumulateGrad(shared);
        b.accumulateGrad(shared);
        assertSame(a.grad(), b.grad());
        double norm = GradientClipping.clipGradNorm(List.of(a, b), 1);
        assertEquals(Math.sqrt(50), norm, 1e-5);
        float scale = (float) (1 / (Math.sqrt(50) + 1e-6));
        assertArrayEquals(new float[] {3 * scale, 4 * scale}, a.grad().toArray(), 1e-7f);
        assertArrayEquals(new float[] {3 * scale, 4 * scale}, b.grad().toArray(), 1e-7f);
    }

    @Test
    void clipByValueClampsEachElement() {
        Tensor a = Tensor.vector(0, 0, 0).requiresGrad(true);
        Problems.setGrad(a, -5, 0.5f, 3);
        GradientClipping.clipGradValue(List.of(a), 1);
        assertArrayEquals(new float[] {-1, 0.5f, 1}, a.grad().toArray());
    }

    @Test
    void negativeLimitsAreRejected() {
        List<Tensor> p = List.of(Tensor.zeros(1).requiresGrad(true));
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipGradNorm(p, -1));
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipGradValue(p, -1));
    }
}
