package org.ebl4j.energy.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BiFunction;

import org.ebl4j.energy.Domain;
import org.ebl4j.energy.Energy;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GradientDescentTest {
    /** An energy given by a formula of (x, y). */
    static Energy energy(BiFunction<Tensor, Tensor, Tensor> f) {
        return new Energy() {
            @Override
            public Tensor energy(Tensor x, Tensor y) {
                return f.apply(x, y);
            }
        };
    }

    @Test
    void quadraticEnergyIsMinimisedAtItsClosedFormAnswer() {
        // E = ½‖Y − A X‖²  →  Y* = A X
        Tensor a = Tensor.matrix(new float[][] {{1, 2}, {-1, 0.5f}, {0.3f, 0}});
        Energy e = energy((x, y) -> y.sub(x.matmul(a.t())).square().sum(1, false).mul(0.5f));
        Tensor x = new Rng(1).normal(0, 1, 5, 2);
        InferenceResult r = new GradientDescent(Domain.unbounded(3), new Rng(2)).restarts(2).steps(500).infer(e, x);
        float[] want = x.matmul(a.t()).toArray();
        float[] got = r.y().toArray();
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-3, "coordinate " + i);
        }
        for (float v : r.energy().toArray()) {
            assertEquals(0, v, 1e-6);
        }
        assertTrue(r.diagnostics().get("gradient_norm") < 1e-3, r.diagnostics().toString());
    }

    @Test
    void boxConstraintHoldsTheAnswerOnTheFace() {
        // E = (Y − 2)² on [−1, 1]: the constrained minimum is Y* = 1
        Energy e = energy((x, y) -> y.sub(2f).square().sum(1, false));
        InferenceResult r = new GradientDescent(Domain.box(-1, 1, 1), new Rng(3)).infer(e, Tensor.zeros(4, 1));
        for (float v : r.y().toArray()) {
            assertEquals(1f, v, 1e-6);
        }
    }

    @Test
    void restartsFindTheGlobalMinimumOfADoubleWell() {
        // E = (Y² − 1)² + 0.3 Y: the deeper well is near Y = −1.04, the other near 0.96
        Energy e = energy((x, y) -> y.square().sub(1f).square().add(y.mul(0.3f)).sum(1, false));
        InferenceResult r = new GradientDescent(Domain.box(-2, 2, 1), new Rng(4)).restarts(8).infer(e, Tensor.zeros(6, 1));
        for (float v : r.y().toArray()) {
            assertEquals(-1.0363, v, 2e-3);
        }
        InferenceResult one = new GradientDescent(Domain.box(-2, 2, 1), new Rng(4)).restarts(1)
                .minimize(e, null, Tensor.full(1.5f, 1, 1), y -> y);
        assertEquals(0.9611, one.y().item(), 2e-3, "a single descent from 1.5 stays in the nearer well");
    }

    @Test
    void stepControlCopesWithAStepSizeFarTooLarge() {
        Energy e = energy((x, y) -> y.square().mul(50f).sum(1, false));
        InferenceResult r = new GradientDescent(Domain.unbounded(1), new Rng(5)).stepSize(10).restarts(1)
                .minimize(e, null, Tensor.full(1f, 1, 1), y -> y);
        assertEquals(0, r.y().item(), 1e-4);
        assertTrue(r.diagnostics().get("rejected_steps") > 0);
    }

    @Test
    void badSettingsAreRejected() {
        GradientDescent g = new GradientDescent(Domain.unbounded(1), new Rng(1));
        assertThrows(IllegalArgumentException.class, () -> g.steps(0));
        assertThrows(IllegalArgumentException.class, () -> g.stepSize(-1));
        assertThrows(IllegalArgumentException.class, () -> g.restarts(0));
        assertThrows(IllegalArgumentException.class, () -> g.tolerance(Double.NaN));
    }
}
