package org.ebl4j.energy.sampling;

import org.ebl4j.energy.analytic.GaussianEnergy;
import org.ebl4j.energy.analytic.GaussianMixtureEnergy;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/** The known 2-D densities the sampler tests sample, and an overdispersed start for their chains. */
final class Targets {
    private Targets() {
    }

    /**
     * Three correlated components, 3 to 4 standard deviations apart: well separated (the mixture's covariance is
     * dominated by the spread of the means) but reachable, so chains started anywhere settle in proportion to π.
     */
    static GaussianMixtureEnergy mixture() {
        return new GaussianMixtureEnergy(new float[] {0.5f, 0.3f, 0.2f},
                new float[][] {{-1.5f, 0f}, {1.5f, 0.5f}, {0f, 2f}},
                new float[][][] {{{0.5f, 0.2f}, {0.2f, 0.4f}}, {{0.4f, -0.15f}, {-0.15f, 0.6f}},
                        {{0.6f, 0f}, {0f, 0.3f}}});
    }

    /** N(μ, Σ) with correlation 0.85 and unequal scales. */
    static GaussianEnergy correlatedGaussian() {
        return new GaussianEnergy(new float[] {1f, -2f}, new float[][] {{2f, 1.2f}, {1.2f, 1f}});
    }

    /** Chains started from N(0, 3²I), wider than either target. */
    static Tensor overdispersedStart(int chains, long seed) {
        return new Rng(seed).normal(0f, 3f, chains, 2);
    }

    /** The last {@code n} states of a trace [T, B, d]: the samples once the chains have forgotten their start. */
    static Tensor lastStates(SampleResult r, int n) {
        Tensor t = r.trace();
        return t.slice(0, t.shape(0) - n, t.shape(0));
    }

    /** Σ / β. */
    static double[][] scaled(double[][] sigma, double beta) {
        double[][] out = new double[sigma.length][sigma.length];
        for (int i = 0; i < sigma.length; i++) {
            for (int j = 0; j < sigma.length; j++) {
                out[i][j] = sigma[i][j] / beta;
            }
        }
        return out;
    }

    /** Every entry of the sample mean and covariance within 5 % in the sense of SampleMoments.relativeError. */
    static void assertWithinFivePercent(SampleMoments m, String what, double[] trueMean, double[][] trueCovariance) {
        double err = m.relativeError(trueMean, trueCovariance);
        org.junit.jupiter.api.Assertions.assertTrue(err <= 0.05, what + ": relative error " + err + " > 5 % (" + m
                + ")");
    }
}
