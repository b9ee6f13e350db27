package org.ebl4j.unsupervised.rbm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ExactLikelihoodTest {
    /** log Σ_v Σ_h exp(−E(v, h)) over every joint state. */
    private static double bruteForceLogZ(BinaryRbm rbm) {
        Tensor vs = RbmFixtures.allStates(rbm.visible());
        double[] all = new double[vs.shape(0) << rbm.hidden()];
        int k = 0;
        for (int s = 0; s < vs.shape(0); s++) {
            for (double e : RbmFixtures.jointEnergies(rbm, vs.slice(0, s, s + 1))) {
                all[k++] = -e;
            }
        }
        return RbmFixtures.logSumExp(all);
    }

    @Test
    void enumeratingEitherLayerGivesTheJointSum() {
        BinaryRbm fewerHidden = RbmFixtures.binary(6, 4, 1.2f, 21);
        BinaryRbm fewerVisible = RbmFixtures.binary(4, 7, 1.2f, 22);
        assertEquals(bruteForceLogZ(fewerHidden), ExactLikelihood.logPartition(fewerHidden), 1e-4);
        assertEquals(bruteForceLogZ(fewerVisible), ExactLikelihood.logPartition(fewerVisible), 1e-4);
    }

    @Test
    void largeEnumerationSplitOverThreadsAgreesWithFreeEnergies() {
        // 16 hidden units: 65,536 Gray-code states split over the threads; over v (2^10 states) by free energies
        BinaryRbm rbm = RbmFixtures.binary(10, 16, 0.5f, 23);
        float[] f = rbm.freeEnergy(RbmFixtures.allStates(10)).toArray();
        double[] logp = new double[f.length];
        for (int s = 0; s < f.length; s++) {
            logp[s] = -f[s];
        }
        assertEquals(RbmFixtures.logSumExp(logp), ExactLikelihood.logPartition(rbm), 1e-3);
    }

    @Test
    void exactLikelihoodIsNormalised() {
        BinaryRbm rbm = RbmFixtures.binary(5, 3, 1f, 24);
        double total = 0;
        Tensor vs = RbmFixtures.allStates(5);
        for (int s = 0; s < vs.shape(0); s++) {
            total += Math.exp(ExactLikelihood.logLikelihood(rbm, vs.slice(0, s, s + 1)));
        }
        assertEquals(1.0, total, 1e-5);
    }

    @Test
    void gaussianPartitionMatchesQuadrature() {
        // one Gaussian visible unit: Z = ∫ exp(−F(v)) dv by the trapezoid rule on a wide grid
        GaussianBinaryRbm rbm = RbmFixtures.gaussian(1, 3, 1f, 25);
        int n = 40_001;
        float[] grid = new float[n];
        for (int i = 0; i < n; i++) {
            grid[i] = -20f + 40f * i / (n - 1);
        }
        float[] f = rbm.freeEnergy(Tensor.of(grid, n, 1)).toArray();
        double[] logTerms = new double[n];
        double dv = 40.0 / (n - 1);
        for (int i = 0; i < n; i++) {
            logTerms[i] = -f[i] + Math.log(dv);
        }
        assertEquals(RbmFixtures.logSumExp(logTerms), ExactLikelihood.logPartition(rbm), 1e-3);
    }

    @Test
    void refusesLayersTooLargeToEnumerate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExactLikelihood.logPartition(RbmFixtures.binary(20, 17, 1f, 1)));
        assertTrue(e.getMessage().contains("17 units") && e.getMessage().contains("16"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ExactLikelihood.logPartition(RbmFixtures.gaussian(2, 17, 1f, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> ExactLikelihood.logLikelihood(RbmFixtures.binary(3, 2, 1f, 1), Tensor.zeros(0, 3)));
    }
}
