package org.ebl4j.unsupervised.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * PSD: Z* satisfies the optimality conditions of its energy; training lowers the energy, learns the generating atoms
 * and makes the encoder's feed-forward code approach Z*.
 */
class PredictiveSparseDecompositionTest {
    private static final double LAMBDA = 0.1;
    private static final double ALPHA = 1;

    @Test
    void optimalCodesSatisfyTheSubgradientConditions() {
        DictionaryLearningTest.Synthetic s = DictionaryLearningTest.Synthetic.generate(40, 3);
        PredictiveSparseDecomposition psd = new PredictiveSparseDecomposition(new SparseCodingEnergy(
                s.dictionary(), LAMBDA), ALPHA, 0).inference(new Fista(5000, 1e-12));
        Tensor y = s.data();
        Tensor z = psd.optimalCodes(y);
        try (Autodiff.Scope g = Autodiff.noGrad()) {
            // ∂ of the smooth part: W_dᵀ(W_d z − y) + α(z − g_e(y)); optimality: = −λ sign(z) where z ≠ 0, |.| ≤ λ else
            Tensor w = psd.decoder().dictionary();
            float[] grad = z.matmul(w.t()).sub(y).matmul(w).add(z.sub(psd.transform(y)).mul((float) ALPHA)).toArray();
            float[] zs = z.toArray();
            for (int i = 0; i < zs.length; i++) {
                if (zs[i] != 0f) {
                    assertEquals(-LAMBDA * Math.signum(zs[i]), grad[i], 2e-3, "active coordinate " + i);
                } else {
                    assertTrue(Math.abs(grad[i]) <= LAMBDA + 2e-3, "inactive coordinate " + i + ": " + grad[i]);
                }
            }
        }
    }

    @Test
    void energyGradientInYMatchesFiniteDifferencesByTheEnvelopeTheorem() {
        DictionaryLearningTest.Synthetic s = DictionaryLearningTest.Synthetic.generate(3, 3);
        PredictiveSparseDecomposition psd = new PredictiveSparseDecomposition(new SparseCodingEnergy(
                s.dictionary(), LAMBDA), ALPHA, 0).inference(new Fista(5000, 1e-12));
        GradCheck.Result r = GradCheck.check(in -> psd.energy(in[0]), 1e-3, 2e-3, 2e-2, s.data().contiguousCopy());
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void trainingLearnsTheAtomsAndAnEncoderThatPredictsTheCodes() {
        DictionaryLearningTest.Synthetic s = DictionaryLearningTest.Synthetic.generate(2000, 3);
        Tensor train = s.data().slice(0, 0, 1600).contiguousCopy();
        Tensor test = s.data().slice(0, 1600, 2000).contiguousCopy();
        SparseCodingEnergy start = SparseCodingEnergy.fromSamples(train, DictionaryLearningTest.ATOMS, LAMBDA,
                new Rng(2));
        PredictiveSparseDecomposition psd = new PredictiveSparseDecomposition(start, ALPHA, 0)
                .training(60, 32, 3e-3, 5);
        double before = predictionError(psd, test);
        double energyBefore = psd.energy(test).mean().item();
        psd.fit(train);
        double after = predictionError(psd, test);
        double energyAfter = psd.energy(test).mean().item();
        float[] cosines = DictionaryLearningTest.bestCosines(psd.decoder().dictionary().detach(), s.dictionary());
        double meanCosine = 0;
        for (float c : cosines) {
            meanCosine += c / cosines.length;
        }
        double[] curve = psd.learningCurve();
        System.out.printf("PSD: held-out energy %.4f -> %.4f, encoder prediction error %.4f -> %.4f, mean best |cos|"
                + " with the true atoms %.3f, curve %.4f -> %.4f%n", energyBefore, energyAfter, before, after,
                meanCosine, curve[0], curve[curve.length - 1]);
        assertTrue(curve[curve.length - 1] < curve[0], "training lowers the energy");
        assertTrue(energyAfter < energyBefore, "held-out energy " + energyBefore + " -> " + energyAfter);
        assertTrue(after < before / 2, "encoder prediction error " + before + " -> " + after);
        assertTrue(meanCosine > 0.95, "atoms recovered: mean best |cos| " + meanCosine);
    }

    /** Mean over rows of ½‖g_e(Y) − Z*‖². */
    private static double predictionError(PredictiveSparseDecomposition psd, Tensor y) {
        try (Autodiff.Scope g = Autodiff.noGrad()) {
            return psd.transform(y).sub(psd.optimalCodes(y)).square().sum(1, false).mul(0.5f).mean().item();
        }
    }

    @Test
    void rejectsBadSettings() {
        SparseCodingEnergy e = new SparseCodingEnergy(5, 8, 0.1, new Rng(1));
        assertThrows(IllegalArgumentException.class, () -> new PredictiveSparseDecomposition(e, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new PredictiveSparseDecomposition(null, 1, 0));
        PredictiveSparseDecomposition psd = new PredictiveSparseDecomposition(e, 1, 0);
        assertThrows(IllegalArgumentException.class, () -> psd.training(0, 1, 0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> psd.fit(Tensor.zeros(4, 6)));
        assertThrows(IllegalArgumentException.class, () -> psd.inference(null));
    }
}
