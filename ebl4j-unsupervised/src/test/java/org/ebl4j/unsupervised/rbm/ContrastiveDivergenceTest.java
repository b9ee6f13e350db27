package org.ebl4j.unsupervised.rbm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.ebl4j.energy.train.ScheduleUnit;
import org.ebl4j.energy.train.TrainingHistory;
import org.ebl4j.optim.StepDecay;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ContrastiveDivergenceTest {
    private static final Tensor DATA = RbmFixtures.prototypeData(400, 10, 41);

    /** Exact mean log-likelihood of DATA after every epoch of {@code cd} on a fresh 10 x 6 binary RBM. */
    private static List<Double> likelihoodCurve(ContrastiveDivergence cd) {
        BinaryRbm rbm = new BinaryRbm(10, 6, new Rng(42));
        List<Double> curve = new ArrayList<>();
        curve.add(ExactLikelihood.logLikelihood(rbm, DATA));
        cd.listener(m -> curve.add(ExactLikelihood.logLikelihood(rbm, DATA)));
        rbm.learning(cd).fit(DATA);
        return curve;
    }

    private static void assertRises(String name, List<Double> curve) {
        double start = curve.get(0);
        double end = curve.get(curve.size() - 1);
        int rises = 0;
        for (int i = 1; i < curve.size(); i++) {
            rises += curve.get(i) > curve.get(i - 1) ? 1 : 0;
        }
        // the start is nearly uniform, 10 log 2 = 6.93 nats per row; a model of the 3 noisy prototypes reaches ~5.9
        assertTrue(start < -6.9 && end > start + 0.8, name + ": " + curve);
        assertTrue(rises >= (curve.size() - 1) * 2 / 3, name + " rises in most epochs: " + curve);
    }

    @Test
    void exactLikelihoodRisesUnderCd1() {
        assertRises("CD-1", likelihoodCurve(new ContrastiveDivergence().epochs(10).batchSize(20).learningRate(0.01)));
    }

    @Test
    void exactLikelihoodRisesUnderPersistentCd() {
        assertRises("PCD-1", likelihoodCurve(new ContrastiveDivergence().persistent(true).epochs(10).batchSize(20)
                .learningRate(0.01)));
    }

    @Test
    void exactLikelihoodRisesUnderMeanFieldCdK() {
        assertRises("CD-3", likelihoodCurve(new ContrastiveDivergence().k(3).meanFieldVisible(true).epochs(10)
                .batchSize(20).learningRate(0.005).weightDecay(1e-4).momentum(0.9)));
    }

    @Test
    void gaussianBinaryRbmLearnsTwoClusters() {
        // 2-D data: two Gaussian clusters; exact log-likelihood by enumerating 4 hidden units
        Rng rng = new Rng(43);
        float[] v = new float[600 * 2];
        for (int n = 0; n < 600; n++) {
            float centre = n % 2 == 0 ? 1.5f : -1.5f;
            v[2 * n] = centre + 0.5f * (float) rng.nextGaussian();
            v[2 * n + 1] = -centre + 0.5f * (float) rng.nextGaussian();
        }
        Tensor data = Tensor.of(v, 600, 2);
        for (boolean learnVariance : new boolean[] {false, true}) {
            GaussianBinaryRbm rbm = new GaussianBinaryRbm(2, 4, learnVariance, new Rng(44));
            double before = ExactLikelihood.logLikelihood(rbm, data);
            rbm.learning(new ContrastiveDivergence().epochs(30).batchSize(20).learningRate(0.02).momentum(0.5))
                    .fit(data);
            double after = ExactLikelihood.logLikelihood(rbm, data);
            assertTrue(after > before + 0.5, "learnVariance=" + learnVariance + ": " + before + " -> " + after);
        }
    }

    @Test
    void metricsScheduleAndSeed() {
        ContrastiveDivergence cd = new ContrastiveDivergence().epochs(3).batchSize(50).seed(5)
                .schedule(new StepDecay(0.1, 1, 0.5), ScheduleUnit.EPOCH);
        TrainingHistory h = cd.train(new BinaryRbm(10, 6, new Rng(1)), DATA);
        assertArrayEquals(new double[] {0.1, 0.05, 0.025}, h.series("lr"), 1e-12);
        double[] err = h.series("reconstruction_error");
        assertTrue(err[2] < err[0] && err[0] < 0.5, java.util.Arrays.toString(err));
        BinaryRbm a = new BinaryRbm(10, 6, new Rng(1));
        BinaryRbm b = new BinaryRbm(10, 6, new Rng(1));
        new ContrastiveDivergence().persistent(true).seed(9).epochs(2).train(a, DATA);
        new ContrastiveDivergence().persistent(true).seed(9).epochs(2).train(b, DATA);
        assertArrayEquals(a.weight().toArray(), b.weight().toArray(), "same seed, same model");
        assertEquals("PCD-1", new ContrastiveDivergence().persistent(true).name());
        TrainingHistory quiet = new ContrastiveDivergence().epochs(2).batchSize(50).monitorRows(0)
                .train(new BinaryRbm(10, 6, new Rng(1)), DATA);
        assertEquals(java.util.Set.of("lr"), quiet.epochs().get(1).values().keySet(), "no monitor, no error");
    }

    @Test
    void aDivergingRunStopsWithAClearErrorInsteadOfNaNWeights() {
        Tensor wide = new Rng(3).normal(0f, 10f, 200, 2); // unit-variance Gaussian units on data of scale 10
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ContrastiveDivergence()
                .persistent(true).k(5).epochs(50).batchSize(20).learningRate(5).momentum(0.9)
                .train(new GaussianBinaryRbm(2, 16, false, new Rng(4)), wide));
        assertTrue(e.getMessage().contains("diverged at epoch") && e.getMessage().contains("lower the learning rate"),
                e.getMessage());
        float[] holed = new Rng(5).normal(0f, 1f, 50, 2).toArray();
        holed[17] = Float.NaN;
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> new ContrastiveDivergence()
                .train(new GaussianBinaryRbm(2, 4, false, new Rng(4)), Tensor.of(holed, 50, 2)));
        assertTrue(bad.getMessage().contains("NaN or infinite"), bad.getMessage());
    }

    @Test
    void rejectsBadSettings() {
        ContrastiveDivergence cd = new ContrastiveDivergence();
        for (Runnable r : List.<Runnable>of(() -> cd.k(0), () -> cd.epochs(0), () -> cd.batchSize(0),
                () -> cd.learningRate(0), () -> cd.learningRate(Double.POSITIVE_INFINITY), () -> cd.momentum(1),
                () -> cd.weightDecay(-1), () -> cd.monitorRows(-1), () -> cd.schedule(null, ScheduleUnit.STEP),
                () -> cd.listener(null))) {
            assertThrows(IllegalArgumentException.class, r::run);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ContrastiveDivergence().persistent(true).meanFieldVisible(true));
        assertTrue(e.getMessage().contains("CD only"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ContrastiveDivergence().meanFieldVisible(true)
                .persistent(true));
        assertThrows(IllegalArgumentException.class,
                () -> new ContrastiveDivergence().train(new BinaryRbm(10, 6, new Rng(1)), Tensor.zeros(4, 9)));
    }
}
