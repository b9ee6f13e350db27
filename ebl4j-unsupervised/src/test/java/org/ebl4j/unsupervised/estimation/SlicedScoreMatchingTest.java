package org.ebl4j.unsupervised.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SlicedScoreMatchingTest {
    @Test
    void recoversThePrecisionOfAGaussian() {
        Tensor data = Fixtures.trueGaussian().sample(5000, new Rng(1));
        GaussianModel model = new GaussianModel(3);
        Fixtures.fitAdam(model, new SlicedScoreMatching(1, new Rng(3)), data, 0.1, 150, 5000);
        double error = Fixtures.relativeFrobenius(model.precision(), Fixtures.truePrecision());
        assertTrue(error < 0.05, "relative Frobenius error of the precision " + error);
        GaussianModel mle = new GaussianModel(3).fit(data);
        assertTrue(Fixtures.relativeFrobenius(model.precision(), mle.precision()) < 0.02);
    }

    @Test
    void isAnUnbiasedEstimateOfTheExactObjective() {
        TanhEnergy energy = new TanhEnergy(4, 5, 3);
        Tensor y = new Rng(8).normal(0f, 1f, 6, 4);
        double exact = new ScoreMatching().compute(energy, null, y).metrics().get("curvature");
        double sliced = new SlicedScoreMatching(4000, new Rng(2)).compute(energy, null, y).metrics().get("curvature");
        assertEquals(exact, sliced, 0.03 * Math.abs(exact) + 0.01);
        // the squared-gradient term is exact in the variance-reduced form
        assertEquals(new ScoreMatching().compute(energy, null, y).metrics().get("gradient"),
                new SlicedScoreMatching(3, new Rng(2)).compute(energy, null, y).metrics().get("gradient"), 1e-4);
    }

    @Test
    void gradientWithRespectToTheParametersIsCorrect() {
        TanhEnergy energy = new TanhEnergy(3, 4, 11);
        Tensor y = new Rng(5).normal(0f, 1f, 5, 3);
        // the same projections at every evaluation
        GradCheck.Result r = GradCheck.check(w -> new SlicedScoreMatching(2, new Rng(7)).compute(energy, null, y).loss(),
                energy.parameters().toArray(new Tensor[0]));
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new SlicedScoreMatching(0, new Rng(1)));
        assertThrows(IllegalArgumentException.class, () -> new SlicedScoreMatching(1, null));
        assertThrows(IllegalArgumentException.class,
                () -> new SlicedScoreMatching(1, new Rng(1)).compute(new GaussianModel(2), null, Tensor.zeros(2)));
    }
}
