package org.ebl4j.unsupervised.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.energy.loss.LossOutput;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ScoreMatchingTest {
    @Test
    void recoversThePrecisionOfAGaussian() {
        Tensor data = Fixtures.trueGaussian().sample(5000, new Rng(1));
        GaussianModel model = new GaussianModel(3);
        Fixtures.fitLbfgs(model, new ScoreMatching(), data, 200);
        double error = Fixtures.relativeFrobenius(model.precision(), Fixtures.truePrecision());
        assertTrue(error < 0.05, "relative Frobenius error of the precision " + error);
        // for the Gaussian family the score-matching estimate is the maximum-likelihood one (Hyvärinen 2005, §3)
        GaussianModel mle = new GaussianModel(3).fit(data);
        assertTrue(Fixtures.relativeFrobenius(model.precision(), mle.precision()) < 1e-3);
        assertTrue(Fixtures.maxAbs(model.mean(), mle.mean()) < 1e-3);
    }

    @Test
    void objectiveIsHalfTheSquaredGradientMinusTheHessianTrace() {
        GaussianModel model = Fixtures.trueGaussian();
        Tensor y = new Rng(3).normal(0f, 1.5f, 7, 3);
        LossOutput out = new ScoreMatching().compute(model, null, y);
        // E = ½(y − μ)ᵀP(y − μ): ∇E = P(y − μ), ∇²E = P
        double[][] p = model.precision();
        double trace = p[0][0] + p[1][1] + p[2][2];
        float[] v = y.toArray();
        double squared = 0;
        for (int r = 0; r < 7; r++) {
            for (int i = 0; i < 3; i++) {
                double g = 0;
                for (int j = 0; j < 3; j++) {
                    g += p[i][j] * (v[r * 3 + j] - Fixtures.MEAN[j]);
                }
                squared += 0.5 * g * g / 7;
            }
        }
        assertEquals(squared - trace, out.loss().item(), 1e-4 * (1 + Math.abs(squared - trace)));
        assertEquals(trace, out.metrics().get("curvature"), 1e-4 * trace);
        assertEquals(squared, out.metrics().get("gradient"), 1e-4 * squared);
        assertNull(out.contrastive());
    }

    @Test
    void gradientWithRespectToTheParametersIsCorrect() {
        TanhEnergy energy = new TanhEnergy(3, 4, 11);
        Tensor y = new Rng(5).normal(0f, 1f, 5, 3);
        GradCheck.Result r = GradCheck.check(w -> new ScoreMatching().compute(energy, null, y).loss(),
                energy.parameters().toArray(new Tensor[0]));
        assertTrue(r.passed(), r.toString());
        GaussianModel gaussian = Fixtures.trueGaussian();
        GradCheck.Result g = GradCheck.check(w -> new ScoreMatching().compute(gaussian, null, y).loss(),
                gaussian.parameters().toArray(new Tensor[0]));
        assertTrue(g.passed(), g.toString());
    }

    @Test
    void evaluatesWithoutRecordingAGraph() {
        TanhEnergy energy = new TanhEnergy(3, 4, 11);
        Tensor y = new Rng(5).normal(0f, 1f, 5, 3);
        float recorded = new ScoreMatching().compute(energy, null, y).loss().item();
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            Tensor loss = new ScoreMatching().compute(energy, null, y).loss();
            assertEquals(recorded, loss.item(), 1e-6);
            assertTrue(loss.gradFn() == null);
        }
    }

    @Test
    void rejectsPointsThatAreNotABatchOfVectors() {
        assertThrows(IllegalArgumentException.class,
                () -> new ScoreMatching().compute(new GaussianModel(3), null, Tensor.zeros(3)));
    }
}
