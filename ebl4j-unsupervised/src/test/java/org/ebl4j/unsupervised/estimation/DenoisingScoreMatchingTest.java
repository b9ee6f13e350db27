package org.ebl4j.unsupervised.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.energy.loss.LossOutput;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DenoisingScoreMatchingTest {
    private static final float SIGMA = 0.1f;

    @Test
    void recoversThePrecisionOfAGaussianAtSmallNoise() {
        Tensor data = Fixtures.trueGaussian().sample(5000, new Rng(1));
        GaussianModel model = new GaussianModel(3);
        Fixtures.fitAdam(model, new DenoisingScoreMatching(SIGMA, new Rng(3)), data, 0.1, 200, 5000);
        double error = Fixtures.relativeFrobenius(model.precision(), Fixtures.truePrecision());
        assertTrue(error < 0.05, "relative Frobenius error of the precision " + error);
        // what it estimates is the precision of the smoothed data, (S + σ²I)⁻¹
        GaussianModel mle = new GaussianModel(3).fit(data);
        double[][] smoothed = mle.covariance();
        float[][] s = new float[3][3];
        float[] mean = new float[3];
        for (int i = 0; i < 3; i++) {
            mean[i] = (float) mle.mean()[i];
            for (int j = 0; j < 3; j++) {
                s[i][j] = (float) (smoothed[i][j] + (i == j ? SIGMA * SIGMA : 0));
            }
        }
        double toSmoothed = Fixtures.relativeFrobenius(model.precision(), GaussianModel.of(mean, s).precision());
        assertTrue(toSmoothed < 0.015, "relative error to (S + σ²I)⁻¹ " + toSmoothed);
    }

    @Test
    void objectiveIsTheDenoisingResidual() {
        // E = ½|y|²: ∇E(ỹ) = y + σε, so σ∇E − ε = σy + (σ² − 1)ε
        GaussianModel standard = new GaussianModel(2);
        Tensor y = new Rng(4).normal(0f, 1f, 6, 2);
        float sigma = 0.5f;
        LossOutput out = new DenoisingScoreMatching(sigma, new Rng(9)).compute(standard, null, y);
        Tensor noise = new Rng(9).normal(0f, 1f, 6, 2);
        float[] v = y.toArray();
        float[] e = noise.toArray();
        double expected = 0;
        for (int k = 0; k < v.length; k++) {
            double r = sigma * v[k] + (sigma * sigma - 1) * e[k];
            expected += 0.5 * r * r / 6;
        }
        assertEquals(expected, out.loss().item(), 1e-5 * (1 + expected));
    }

    @Test
    void gradientWithRespectToTheParametersIsCorrect() {
        TanhEnergy energy = new TanhEnergy(3, 4, 11);
        Tensor y = new Rng(5).normal(0f, 1f, 5, 3);
        GradCheck.Result r = GradCheck.check(w -> new DenoisingScoreMatching(0.3f, new Rng(7))
                .compute(energy, null, y).loss(), energy.parameters().toArray(new Tensor[0]));
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new DenoisingScoreMatching(0f, new Rng(1)));
        assertThrows(IllegalArgumentException.class, () -> new DenoisingScoreMatching(Float.NaN, new Rng(1)));
        assertThrows(IllegalArgumentException.class, () -> new DenoisingScoreMatching(0.1f, null));
    }
}
