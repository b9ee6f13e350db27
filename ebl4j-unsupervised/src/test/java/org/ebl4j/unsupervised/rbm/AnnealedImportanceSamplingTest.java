package org.ebl4j.unsupervised.rbm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.kernel.Threads;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AnnealedImportanceSamplingTest {
    private static final Tensor DATA = RbmFixtures.prototypeData(500, 24, 51);

    /** A 24 x 12 RBM trained on prototype data: log Z is exact by enumerating its 4,096 hidden states. */
    private static BinaryRbm trained() {
        BinaryRbm rbm = new BinaryRbm(24, 12, new Rng(52)).matchVisibleBias(DATA);
        rbm.learning(new ContrastiveDivergence().epochs(20).batchSize(20).learningRate(0.1).momentum(0.5)).fit(DATA);
        return rbm;
    }

    @Test
    void logPartitionMatchesTheExactOne() {
        BinaryRbm rbm = trained();
        double exact = ExactLikelihood.logPartition(rbm);
        AnnealedImportanceSampling ais = new AnnealedImportanceSampling(100, AnnealedImportanceSampling.schedule(2000),
                53);
        AnnealedImportanceSampling.Estimate e = ais.logPartition(rbm, DATA);
        assertTrue(Math.abs(e.logZ() - exact) < Math.max(0.1, e.logZSpread()),
                "AIS " + e.logZ() + " +- " + e.logZSpread() + " vs exact " + exact);
        assertTrue(e.logZSpread() < 0.1, "spread " + e.logZSpread());
        assertTrue(e.logZLow() < e.logZ() && e.logZ() < e.logZHigh());
        assertTrue(e.effectiveSampleSize() > 10 && e.effectiveSampleSize() <= 100, "ESS " + e.effectiveSampleSize());
        assertEquals(ExactLikelihood.logLikelihood(rbm, DATA), e.logLikelihood(rbm, DATA), 0.1);
        // the factorial start is far from the trained model: AIS did real work
        assertTrue(Math.abs(e.logZBase() - exact) > 5, "log Z_0 " + e.logZBase() + " vs " + exact);
    }

    @Test
    void fewTemperaturesGiveAWiderSpreadAndTheSameAnswerOnAverage() {
        BinaryRbm rbm = RbmFixtures.binary(12, 8, 0.3f, 54);
        double exact = ExactLikelihood.logPartition(rbm);
        AnnealedImportanceSampling.Estimate coarse = new AnnealedImportanceSampling(400,
                AnnealedImportanceSampling.schedule(10), 55).logPartition(rbm, new float[12]);
        AnnealedImportanceSampling.Estimate fine = new AnnealedImportanceSampling(400,
                AnnealedImportanceSampling.schedule(500), 55).logPartition(rbm, new float[12]);
        assertTrue(coarse.logZSpread() > fine.logZSpread(), coarse.logZSpread() + " vs " + fine.logZSpread());
        assertEquals(exact, coarse.logZ(), Math.max(0.05, coarse.logZSpread()));
        assertEquals(exact, fine.logZ(), Math.max(0.02, fine.logZSpread()));
        assertEquals(12 * Math.log(2) + 8 * Math.log(2), fine.logZBase(), 1e-9, "zero base biases: 2^(D+H)");
    }

    @Test
    void estimateDoesNotDependOnTheThreadCount() {
        BinaryRbm rbm = RbmFixtures.binary(64, 40, 0.2f, 56);
        AnnealedImportanceSampling ais = new AnnealedImportanceSampling(64, AnnealedImportanceSampling.schedule(50), 57);
        int threads = Threads.count();
        try {
            Threads.set(1);
            double[] one = ais.logPartition(rbm, new float[64]).logWeights();
            Threads.set(3);
            assertArrayEquals(one, ais.logPartition(rbm, new float[64]).logWeights());
        } finally {
            Threads.set(threads);
        }
    }

    @Test
    void scheduleHasThePapersShape() {
        double[] paper = AnnealedImportanceSampling.paperSchedule();
        assertEquals(14_501, paper.length);
        assertEquals(0.0, paper[0]);
        assertEquals(0.5, paper[500], 1e-12);
        assertEquals(0.9, paper[4500], 1e-12);
        assertEquals(1.0, paper[14_500]);
        double[] small = AnnealedImportanceSampling.schedule(3);
        assertEquals(4, small.length);
        for (int k = 1; k < small.length; k++) {
            assertTrue(small[k] > small[k - 1]);
        }
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new AnnealedImportanceSampling(1, new double[] {0, 1}, 0));
        assertThrows(IllegalArgumentException.class, () -> new AnnealedImportanceSampling(10, new double[] {0, 0.9}, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AnnealedImportanceSampling(10, new double[] {0, 0.5, 0.5, 1}, 0));
        assertTrue(e.getMessage().contains("increase"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AnnealedImportanceSampling.schedule(2));
        assertThrows(IllegalArgumentException.class, () -> new AnnealedImportanceSampling(10,
                new double[] {0, 1}, 0).logPartition(RbmFixtures.binary(4, 3, 1f, 1), new float[3]));
    }
}
