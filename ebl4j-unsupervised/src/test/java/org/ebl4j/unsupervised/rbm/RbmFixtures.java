package org.ebl4j.unsupervised.rbm;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/** Small RBMs with non-trivial parameters and the brute-force sums the tests compare against. */
final class RbmFixtures {
    private RbmFixtures() {
    }

    /** A binary RBM whose weights and biases are N(0, scale²). */
    static BinaryRbm binary(int visible, int hidden, float scale, long seed) {
        Rng rng = new Rng(seed);
        BinaryRbm rbm = new BinaryRbm(visible, hidden, rng);
        randomise(rbm, scale, rng);
        return rbm;
    }

    /** A Gaussian-binary RBM with N(0, scale²) weights and biases and log-variances in [−0.5, 0.5]. */
    static GaussianBinaryRbm gaussian(int visible, int hidden, float scale, long seed) {
        Rng rng = new Rng(seed);
        GaussianBinaryRbm rbm = new GaussianBinaryRbm(visible, hidden, true, rng);
        randomise(rbm, scale, rng);
        rbm.logVariance().copyFrom(rng.uniform(-0.5f, 0.5f, visible));
        return rbm;
    }

    private static void randomise(RestrictedBoltzmannMachine rbm, float scale, Rng rng) {
        rbm.weight().copyFrom(rng.normal(0f, scale, rbm.visible(), rbm.hidden()));
        rbm.visibleBias().copyFrom(rng.normal(0f, scale, rbm.visible()));
        rbm.hiddenBias().copyFrom(rng.normal(0f, scale, rbm.hidden()));
    }

    /** Every binary vector of length n, as the rows of [2^n, n] (bit j of row s is unit j). */
    static Tensor allStates(int n) {
        int count = 1 << n;
        float[] v = new float[count * n];
        for (int s = 0; s < count; s++) {
            for (int j = 0; j < n; j++) {
                v[s * n + j] = (s >>> j) & 1;
            }
        }
        return Tensor.of(v, count, n);
    }

    /** log Σ exp(x_i) in double. */
    static double logSumExp(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : x) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    /** The joint energies E(v, h) of one visible row against every hidden state (brute force, via jointEnergy). */
    static double[] jointEnergies(RestrictedBoltzmannMachine rbm, Tensor vRow) {
        Tensor hs = allStates(rbm.hidden());
        int count = hs.shape(0);
        Tensor vs = vRow.reshape(1, rbm.visible()).expand(count, rbm.visible()).contiguous();
        float[] e = rbm.jointEnergy(vs, hs).toArray();
        double[] out = new double[count];
        for (int s = 0; s < count; s++) {
            out[s] = e[s];
        }
        return out;
    }

    /** Exact p(v) of a binary RBM over all 2^D visible states (row order of {@link #allStates}). */
    static double[] visibleDistribution(BinaryRbm rbm) {
        float[] f = rbm.freeEnergy(allStates(rbm.visible())).toArray();
        double[] logp = new double[f.length];
        for (int s = 0; s < f.length; s++) {
            logp[s] = -f[s];
        }
        double logZ = logSumExp(logp);
        double[] p = new double[f.length];
        for (int s = 0; s < f.length; s++) {
            p[s] = Math.exp(logp[s] - logZ);
        }
        return p;
    }

    /** Rows drawn from a sparse "teacher" distribution: 3 prototypes of D bits, each bit flipped with prob. 0.1. */
    static Tensor prototypeData(int rows, int visible, long seed) {
        Rng rng = new Rng(seed);
        float[][] prototypes = new float[3][visible];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < visible; i++) {
                prototypes[c][i] = rng.nextDouble() < 0.4 ? 1f : 0f;
            }
        }
        float[] v = new float[rows * visible];
        for (int r = 0; r < rows; r++) {
            float[] p = prototypes[rng.nextInt(3)];
            for (int i = 0; i < visible; i++) {
                v[r * visible + i] = rng.nextDouble() < 0.1 ? 1f - p[i] : p[i];
            }
        }
        return Tensor.of(v, rows, visible);
    }
}
