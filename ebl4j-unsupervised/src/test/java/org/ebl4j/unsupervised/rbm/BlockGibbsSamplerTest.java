package org.ebl4j.unsupervised.rbm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.energy.analytic.GaussianEnergy;
import org.ebl4j.energy.sampling.SampleResult;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BlockGibbsSamplerTest {
    @Test
    void chainsReachTheExactDistribution() {
        // strong couplings (weights ~ N(0, 1.5²)) so that p(v) is far from uniform and far from the start
        BinaryRbm rbm = RbmFixtures.binary(5, 3, 1.5f, 31);
        double[] exact = RbmFixtures.visibleDistribution(rbm);
        int chains = 40_000;
        SampleResult r = new BlockGibbsSampler(new Rng(32)).sample(rbm, null, Tensor.zeros(chains, 5), 30);
        double[] empirical = new double[exact.length];
        float[] v = r.y().toArray();
        for (int c = 0; c < chains; c++) {
            int state = 0;
            for (int j = 0; j < 5; j++) {
                state |= (v[c * 5 + j] > 0.5f ? 1 : 0) << j;
            }
            empirical[state] += 1.0 / chains;
        }
        double tv = 0;
        double fromStart = 0;
        for (int s = 0; s < exact.length; s++) {
            tv += 0.5 * Math.abs(exact[s] - empirical[s]);
            fromStart += 0.5 * Math.abs(exact[s] - (s == 0 ? 1 : 0));
        }
        assertTrue(fromStart > 0.5, "the start is far from p(v): " + fromStart);
        assertTrue(tv < 0.02, "total variation " + tv);
        assertArrayEquals(rbm.freeEnergy(r.y()).toArray(), r.energy().toArray(), 1e-6f);
    }

    @Test
    void keepsATraceAndIsSeeded() {
        BinaryRbm rbm = RbmFixtures.binary(4, 3, 1f, 33);
        Tensor start = Tensor.zeros(7, 4);
        SampleResult r = new BlockGibbsSampler(new Rng(1)).trace(2).sample(rbm, null, start, 6);
        assertArrayEquals(new int[] {3, 7, 4}, r.trace().shape());
        assertArrayEquals(r.trace().slice(0, 2, 3).reshape(7, 4).toArray(), r.y().toArray());
        assertArrayEquals(r.y().toArray(),
                new BlockGibbsSampler(new Rng(1)).sample(rbm, null, start, 6).y().toArray());
        assertNull(new BlockGibbsSampler(new Rng(1)).sample(rbm, null, start, 6).trace());
    }

    @Test
    void rejectsOtherEnergiesAndBadSettings() {
        GaussianEnergy other = new GaussianEnergy(new float[] {0, 0}, new float[][] {{1, 0}, {0, 1}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BlockGibbsSampler(new Rng(1)).sample(other, null, Tensor.zeros(3, 2), 2));
        assertTrue(e.getMessage().contains("RestrictedBoltzmannMachine"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BlockGibbsSampler(new Rng(1)).trace(-1));
        assertThrows(IllegalArgumentException.class, () -> new BlockGibbsSampler(new Rng(1))
                .sample(RbmFixtures.binary(4, 3, 1f, 1), null, Tensor.zeros(3, 5), 2));
    }
}
