package org.ebl4j.unsupervised.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class IcaTest {
    private static final int N = 5000;
    private static final int K = 4;

    /**
     * Four independent non-Gaussian sources [N, 4]: uniform (sub-Gaussian), Laplace (super-Gaussian), a sine wave
     * and a cubed Gaussian (heavy-tailed).
     */
    private static float[] sources(Rng rng) {
        float[] s = new float[N * K];
        for (int i = 0; i < N; i++) {
            s[i * K] = (float) (Math.sqrt(3) * (2 * rng.nextDouble() - 1));
            double u = rng.nextDouble() - 0.5;
            s[i * K + 1] = (float) (-Math.signum(u) * Math.log(1 - 2 * Math.abs(u)));
            s[i * K + 2] = (float) Math.sin(i * 0.0931);
            double g = rng.nextGaussian();
            s[i * K + 3] = (float) (g * g * g);
        }
        return s;
    }

    /** Y = S Aᵀ + b for a random square A. */
    private static Tensor mix(float[] s, Rng rng) {
        Tensor a = rng.normal(0f, 1f, K, K);
        return Tensor.of(s, N, K).matmul(a.t()).add(Tensor.vector(1f, -2f, 0.5f, 3f));
    }

    @Test
    void recoversIndependentSourcesUpToPermutationSignAndScale() {
        Rng rng = new Rng(1);
        float[] truth = sources(rng);
        Tensor y = mix(truth, rng);
        Ica ica = new Ica(K, new Rng(2)).fit(y);
        assertTrue(ica.converged(), "iterations " + ica.iterations());
        float[] found = ica.transform(y).toArray();
        boolean[] used = new boolean[K];
        for (int j = 0; j < K; j++) {
            int best = -1;
            double bestCorr = 0;
            for (int i = 0; i < K; i++) {
                double c = Math.abs(Samples.correlation(found, i, K, truth, j, K, N));
                if (c > bestCorr) {
                    bestCorr = c;
                    best = i;
                }
            }
            assertTrue(bestCorr > 0.99, "source " + j + ": best |correlation| " + bestCorr);
            assertTrue(!used[best], "two true sources matched the same estimate");
            used[best] = true;
        }
    }

    @Test
    void sourcesAreWhiteAndTheMixingInvertsTheUnmixing() {
        Rng rng = new Rng(3);
        Tensor y = mix(sources(rng), rng);
        Ica ica = new Ica(K, new Rng(4)).fit(y);
        Tensor s = ica.transform(y);
        Tensor cov = s.t().matmul(s).div(N - 1);
        Tensor identity = ica.unmixing().matmul(ica.mixing());
        for (int i = 0; i < K; i++) {
            for (int j = 0; j < K; j++) {
                assertEquals(i == j ? 1 : 0, cov.get(i, j), 1e-3, "source covariance");
                assertEquals(i == j ? 1 : 0, identity.get(i, j), 1e-4, "unmixing · mixing");
            }
        }
        float[] back = ica.inverseTransform(s).toArray();
        float[] orig = y.toArray();
        for (int i = 0; i < orig.length; i++) {
            assertEquals(orig[i], back[i], 1e-3 * (1 + Math.abs(orig[i])));
        }
    }

    @Test
    void energyIsTheSumOfLogCoshOfTheSources() {
        Rng rng = new Rng(5);
        Tensor y = mix(sources(rng), rng);
        Ica ica = new Ica(K, new Rng(6)).fit(y);
        Tensor probe = y.slice(0, 0, 8).contiguousCopy();
        float[] s = ica.transform(probe).toArray();
        float[] e = ica.energy(probe).toArray();
        for (int i = 0; i < 8; i++) {
            double want = 0;
            for (int j = 0; j < K; j++) {
                want += Math.log(Math.cosh(s[i * K + j]));
            }
            assertEquals(want, e[i], 1e-5 * (1 + want));
        }
        // finite far away (cosh overflows in double beyond 710)
        assertTrue(Float.isFinite(ica.energy(probe.mul(1e4f)).max(0, false).item()));
        GradCheck.Result r = GradCheck.check(in -> ica.energy(in[0]), probe);
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void rejectsBadSettingsAndRankDeficientData() {
        assertThrows(IllegalArgumentException.class, () -> new Ica(0, new Rng(1)));
        assertThrows(IllegalArgumentException.class, () -> new Ica(2, null));
        assertThrows(IllegalArgumentException.class, () -> new Ica(2, new Rng(1)).maxIterations(0));
        assertThrows(IllegalArgumentException.class, () -> new Ica(2, new Rng(1)).tolerance(0));
        assertThrows(IllegalStateException.class, () -> new Ica(2, new Rng(1)).transform(Tensor.zeros(3, 2)));
        // three coordinates spanning a plane: no third independent source
        Tensor plane = new Rng(7).uniform(-1f, 1f, 200, 2).matmul(Tensor.matrix(new float[][] {{1, 0, 1}, {0, 1, 1}}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Ica(3, new Rng(8)).fit(plane));
        assertTrue(e.getMessage().contains("fewer"), e.getMessage());
        Ica two = new Ica(2, new Rng(9)).fit(plane);
        assertThrows(IllegalArgumentException.class, () -> two.inverseTransform(Tensor.zeros(4, 3)));
        assertThrows(IllegalArgumentException.class, () -> two.energy(Tensor.zeros(4, 2)));
    }
}
