package org.ebl4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    private static final double TOL = 1e-12;

    @Test
    void stepDecayMultipliesByGammaEveryStepSizeSteps() {
        StepDecay s = new StepDecay(0.1, 10, 0.5);
        assertEquals(0.1, s.learningRate(0), TOL);
        assertEquals(0.1, s.learningRate(9), TOL);
        assertEquals(0.05, s.learningRate(10), TOL);
        assertEquals(0.025, s.learningRate(25), TOL);
    }

    @Test
    void exponentialDecayIsGeometric() {
        ExponentialDecay s = new ExponentialDecay(0.1, 0.9);
        assertEquals(0.1, s.learningRate(0), TOL);
        assertEquals(0.0729, s.learningRate(3), TOL);
    }

    @Test
    void cosineAnnealingFollowsHalfACosineThenStaysAtTheMinimum() {
        CosineAnnealing s = new CosineAnnealing(1.0, 0.1, 100);
        assertEquals(1.0, s.learningRate(0), TOL);
        assertEquals(0.55, s.learningRate(50), TOL);
        assertEquals(0.1 + 0.9 * (1 + Math.cos(Math.PI / 4)) / 2, s.learningRate(25), TOL);
        assertEquals(0.1, s.learningRate(100), TOL);
        assertEquals(0.1, s.learningRate(1000), TOL);
    }

    @Test
    void warmupLinearRisesToThePeakThenFallsToZero() {
        WarmupLinear s = new WarmupLinear(1.0, 10, 110);
        assertEquals(0.0, s.learningRate(0), TOL);
        assertEquals(0.5, s.learningRate(5), TOL);
        assertEquals(1.0, s.learningRate(10), TOL);
        assertEquals(0.5, s.learningRate(60), TOL);
        assertEquals(0.0, s.learningRate(110), TOL);
        assertEquals(0.0, s.learningRate(500), TOL);
        assertEquals(0.9, new WarmupLinear(1.0, 0, 10).learningRate(1), TOL);
    }

    @Test
    void applyToSetsTheOptimisersLearningRate() {
        Sgd sgd = new Sgd(List.of(Tensor.zeros(1).requiresGrad(true)), 1);
        new StepDecay(0.1, 10, 0.5).applyTo(sgd, 20);
        assertEquals(0.025, sgd.learningRate(), TOL);
    }

    @Test
    void badSettingsAreRejected() {
        String step = assertThrows(IllegalArgumentException.class,
                () -> new ExponentialDecay(0.1, 0.9).learningRate(-1)).getMessage();
        assertTrue(step.contains("ExponentialDecay") && step.contains("step"), step);
        assertThrows(IllegalArgumentException.class, () -> new StepDecay(0.1, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new StepDecay(-0.1, 10, 0.5));
        String min = assertThrows(IllegalArgumentException.class, () -> new CosineAnnealing(0.1, 0.2, 10))
                .getMessage();
        assertTrue(min.contains("minimum") && min.contains("[0, 0.1]"), min);
        assertThrows(IllegalArgumentException.class, () -> new WarmupLinear(1, 10, 10));
    }
}
