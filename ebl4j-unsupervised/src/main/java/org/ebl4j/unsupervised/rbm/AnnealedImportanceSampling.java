package org.ebl4j.unsupervised.rbm;

import java.nio.FloatBuffer;
import java.util.Arrays;

import org.ebl4j.kernel.Gemm;
import org.ebl4j.kernel.Threads;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * Annealed importance sampling (Neal 2001) of the partition function of a binary RBM, as in Salakhutdinov &amp;
 * Murray, "On the quantitative analysis of deep belief networks", ICML 2008. From a base-rate model
 * p_A(v) ∝ exp(a_Aᵀv) (no hidden units; log Z_A = Σ_i softplus(a_Ai)) to the RBM B = (W, a, b) through the
 * intermediate distributions 0 = β_0 &lt; β_1 &lt; … &lt; β_K = 1,
 *
 * <pre>
 *   log p*_k(v) = (1 − β_k) a_Aᵀv + β_k aᵀv + Σ_j softplus(β_k (b_j + (vᵀW)_j))     (log Z_0 = log Z_A + H log 2)
 *   v_1 ~ p_A;   v_{k+1} ~ T_k(v_k): h ~ σ(β_k (b + vᵀW)), v ~ σ((1 − β_k) a_A + β_k (a + W h))
 *   log w = Σ_{k=1..K} [log p*_k(v_k) − log p*_{k−1}(v_k)],   Ẑ = Z_0 · mean(w)
 * </pre>
 *
 * T_k is a block Gibbs sweep that leaves p_k invariant, so E[w] = Z_B / Z_0 exactly and Ẑ is unbiased (log Ẑ
 * slightly underestimates log Z on average). The M runs are one batch: each temperature costs two GEMMs ([M, D]
 * by [D, H] and back) and one fused pass over the units, split over the threads with counter-based random draws
 * (the result does not depend on the thread count).
 *
 * <p>{@link #paperSchedule()} is the paper's 14,500 temperatures (500 uniform on [0, 0.5], 4,000 on [0.5, 0.9],
 * 10,000 on [0.9, 1]); {@link #schedule(int)} keeps those proportions for any count. The paper used 100 runs.
 */
public final class AnnealedImportanceSampling {
    private final int runs;
    private final double[] betas;
    private final long seed;

    /**
     * @param runs  M ≥ 2 independent annealing runs
     * @param betas the inverse temperatures, strictly increasing from exactly 0 to exactly 1 (at least 2)
     * @param seed  seed of all random draws
     */
    public AnnealedImportanceSampling(int runs, double[] betas, long seed) {
        if (runs < 2) {
            throw new IllegalArgumentException("AnnealedImportanceSampling: runs must be >= 2 (the spread needs two),"
                    + " got " + runs);
        }
        if (betas == null || betas.length < 2 || betas[0] != 0 || betas[betas.length - 1] != 1) {
            throw new IllegalArgumentException("AnnealedImportanceSampling: betas must run from exactly 0 to exactly "
                    + "1 with at least 2 values, got " + (betas == null ? "null"
                    : betas.length + " values from " + (betas.length == 0 ? "-" : betas[0] + " to "
                    + betas[betas.length - 1])));
        }
        for (int k = 1; k < betas.length; k++) {
            if (!(betas[k] > betas[k - 1])) {
                throw new IllegalArgumentException("AnnealedImportanceSampling: betas must increase strictly, but "
                        + "beta[" + k + "] = " + betas[k] + " <= beta[" + (k - 1) + "] = " + betas[k - 1]);
            }
        }
        this.runs = runs;
        this.betas = betas.clone();
        this.seed = seed;
    }

    /** Salakhutdinov &amp; Murray's schedule: 14,500 intermediate distributions. */
    public static double[] paperSchedule() {
        return schedule(14_500);
    }

    /**
     * K ≥ 3 temperatures in the paper's proportions: K·500/14,500 uniform steps on [0, 0.5], K·4,000/14,500 on
     * [0.5, 0.9], the rest on [0.9, 1]; returns β_0 = 0, …, β_K = 1 (K + 1 values).
     */
    public static double[] schedule(int temperatures) {
        if (temperatures < 3) {
            throw new IllegalArgumentException("AnnealedImportanceSampling.schedule: needs >= 3 temperatures, got "
                    + temperatures);
        }
        int first = Math.max(1, (int) Math.round(temperatures * 500.0 / 14_500));
        int second = Math.max(1, (int) Math.round(temperatures * 4_000.0 / 14_500));
        int third = Math.max(1, temperatures - first - second);
        second = temperatures - first - third;
        double[] betas = new double[temperatures + 1];
        int k = 0;
        k = fill(betas, k, 0.0, 0.5, first);
        k = fill(betas, k, 0.5, 0.9, second);
        fill(betas, k, 0.9, 1.0, third);
        betas[temperatures] = 1.0;
        return betas;
    }

    private static int fill(double[] betas, int k, double from, double to, int steps) {
        for (int s = 0; s < steps; s++) {
            betas[k + s] = from + (to - from) * s / steps;
        }
        return k + steps;
    }

    public int runs() {
        return runs;
    }

    /** K, the number of intermediate distributions after β_0. */
    public int temperatures() {
        return betas.length - 1;
    }

    /** log Z of {@code rbm}, from the base-rate model of {@code data} ({@link BinaryRbm#baseRate}). */
    public Estimate logPartition(BinaryRbm rbm, Tensor data) {
        rbm.checkVisible("baseRate", data);
        return logPartition(rbm, BinaryRbm.baseRate(data));
    }

    /** log Z of {@code rbm}, annealing from the factorial model with visible biases {@code baseBias} [D]. */
    public Estimate logPartition(BinaryRbm rbm, float[] baseBias) {
        int d = rbm.visible();
        int h = rbm.hidden();
        if (baseBias == null || baseBias.length != d) {
            throw new IllegalArgumentException("AnnealedImportanceSampling: base-rate biases must have " + d
                    + " values (one per visible unit), got " + (baseBias == null ? "null" : baseBias.length));
        }
        Rng rng = new Rng(seed);
        float[] aA = baseBias.clone();
        float[] aB = rbm.visibleBias().toArray();
        float[] b = rbm.hiddenBias().toArray();
        Tensor w = rbm.weight().contiguous();
        double logZ0 = h * Math.log(2);
        for (float x : aA) {
            logZ0 += Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
        }
        Tensor v = Tensor.zeros(runs, d);
        Tensor x = Tensor.zeros(runs, h);
        Tensor hs = Tensor.zeros(runs, h);
        double[] logW = new double[runs];
        sampleVisible(v, null, aA, aA, 0, rng);
        for (int k = 1; k < betas.length; k++) {
            Gemm.sgemm(false, false, runs, h, d, 1f, buf(v), v.offset(), d, buf(w), w.offset(), h, 0f, buf(x),
                    x.offset(), h);
            weighAndSampleHidden(v, x, hs, aA, aB, b, betas[k - 1], betas[k], logW, k < betas.length - 1, rng);
            if (k < betas.length - 1) {
                // v's input from the hidden units, W h, into v's own buffer (overwritten by the draw below)
                Gemm.sgemm(false, true, runs, d, h, 1f, buf(hs), hs.offset(), h, buf(w), w.offset(), h, 0f, buf(v),
                        v.offset(), d);
                sampleVisible(v, v, aA, aB, (float) betas[k], rng);
            }
        }
        return new Estimate(logZ0, logW);
    }

    private static FloatBuffer buf(Tensor t) {
        return t.storage().buffer();
    }

    /**
     * For every run: log w += log p*_k(v) − log p*_{k−1}(v) from x = vᵀW, then (when {@code sample}) h ~ σ(β_k (b +
     * x)) into {@code hs}. With u = b_j + x_j and β' = β_{k−1}, softplus(βu) − softplus(β'u) = (β − β') max(u, 0) +
     * log[(1 + e^(−β|u|)) / (1 + e^(−β'|u|))]; the second exponential is the first times e^((β − β')|u|), and the
     * logarithms of the ratios (each in [1/2, 2]) are taken once per 512 units, as the log of their product.
     */
    private void weighAndSampleHidden(Tensor v, Tensor x, Tensor hs, float[] aA, float[] aB, float[] b,
                                      double betaBefore, double beta, double[] logW, boolean sample, Rng rng) {
        int d = aA.length;
        int h = b.length;
        long draws = rng.nextLong();
        double dBeta = beta - betaBefore;
        forEachRunBlock(runs, (from, to) -> {
            float[] vr = new float[d];
            float[] xr = new float[h];
            for (int r = from; r < to; r++) {
                buf(v).get(v.offset() + r * d, vr, 0, d);
                buf(x).get(x.offset() + r * h, xr, 0, h);
                double linear = 0;
                double positive = 0;
                for (int i = 0; i < d; i++) {
                    linear += (double) (aB[i] - aA[i]) * vr[i];
                }
                double sum = 0;
                double product = 1;
                Rng u = new Rng(draws, (long) r * h);
                for (int j = 0; j < h; j++) {
                    double in = b[j] + (double) xr[j];
                    double abs = Math.abs(in);
                    double e1 = Math.exp(-beta * abs);
                    double e0 = e1 * expOfSmall(dBeta * abs);
                    positive += Math.max(in, 0);
                    product *= (1 + e1) / (1 + e0);
                    if ((j & 511) == 511) {
                        sum += Math.log(product);
                        product = 1;
                    }
                    if (sample) {
                        double p = (in >= 0 ? 1 : e1) / (1 + e1);
                        xr[j] = Units.below(u.nextDouble(), p);
                    }
                }
                logW[r] += dBeta * (linear + positive) + sum + Math.log(product);
                if (sample) {
                    buf(hs).put(hs.offset() + r * h, xr, 0, h);
                }
            }
        });
    }

    /** e^t for t ≥ 0: a degree-7 Taylor polynomial below 1/16 (relative error &lt; 1e-13), else Math.exp. */
    private static double expOfSmall(double t) {
        if (t >= 0.0625) {
            return Math.exp(t);
        }
        return 1 + t * (1 + t * (1.0 / 2 + t * (1.0 / 6 + t * (1.0 / 24 + t * (1.0 / 120 + t * (1.0 / 720
                + t * (1.0 / 5040)))))));
    }

    /**
     * v ~ σ((1 − β) a_A + β (a + W h)) in place, with W h read from {@code input} (null: only a_A, at β = 0 with
     * {@code aB == aA}).
     */
    private void sampleVisible(Tensor v, Tensor input, float[] aA, float[] aB, float beta, Rng rng) {
        int d = aA.length;
        long draws = rng.nextLong();
        double[] bias = new double[d];
        for (int i = 0; i < d; i++) {
            bias[i] = (1 - beta) * aA[i] + beta * (double) aB[i];
        }
        forEachRunBlock(runs, (from, to) -> {
            float[] row = new float[d];
            for (int r = from; r < to; r++) {
                if (input != null) {
                    buf(input).get(input.offset() + r * d, row, 0, d);
                } else {
                    Arrays.fill(row, 0f);
                }
                Rng u = new Rng(draws, (long) r * d);
                for (int i = 0; i < d; i++) {
                    double p = 1 / (1 + Math.exp(-(bias[i] + beta * row[i])));
                    row[i] = Units.below(u.nextDouble(), p);
                }
                buf(v).put(v.offset() + r * d, row, 0, d);
            }
        });
    }

    @FunctionalInterface
    private interface RunBlock {
        void apply(int from, int to);
    }

    private static void forEachRunBlock(int runs, RunBlock block) {
        int tasks = Math.max(1, Math.min(Threads.count(), runs / 8));
        Threads.parallelFor(tasks, t -> block.apply(runs * t / tasks, runs * (t + 1) / tasks));
    }

    /**
     * What AIS measured: log Z_0 of the base-rate model and the M log importance weights log w_m, so that
     * Ẑ = Z_0 · mean(w).
     */
    public record Estimate(double logZBase, double[] logWeights) {
        public Estimate {
            logWeights = logWeights.clone();
        }

        /** log Ẑ = log Z_0 + log mean_m w_m. */
        public double logZ() {
            Weights w = weights();
            return logZBase + w.logScale + Math.log(w.mean());
        }

        /**
         * The spread of log Ẑ reported with it: 3 standard errors of the mean weight carried to the log by the
         * delta method, 3 σ̂ / mean(w) with σ̂ = std(w) / √M.
         */
        public double logZSpread() {
            return 3 * weights().relativeError();
        }

        /** The paper's interval, log(Ẑ − 3 Z_0 σ̂): −∞ when the lower end is not positive. */
        public double logZLow() {
            double ratio = 1 - 3 * weights().relativeError();
            return ratio > 0 ? logZ() + Math.log(ratio) : Double.NEGATIVE_INFINITY;
        }

        /** The paper's interval, log(Ẑ + 3 Z_0 σ̂). */
        public double logZHigh() {
            return logZ() + Math.log1p(3 * weights().relativeError());
        }

        /** (Σ w)² / Σ w², between 1 and M: how many runs effectively carry the estimate. */
        public double effectiveSampleSize() {
            Weights w = weights();
            return w.sum * w.sum / w.sumOfSquares;
        }

        /** The weights scaled by e^(−max log w): their sum and sum of squares. */
        private Weights weights() {
            double max = Arrays.stream(logWeights).max().orElseThrow();
            double sum = 0;
            double sq = 0;
            for (double lw : logWeights) {
                double w = Math.exp(lw - max);
                sum += w;
                sq += w * w;
            }
            return new Weights(max, sum, sq, logWeights.length);
        }

        private record Weights(double logScale, double sum, double sumOfSquares, int m) {
            double mean() {
                return sum / m;
            }

            /** std(w) / (√M mean(w)), with the unbiased variance. */
            double relativeError() {
                double mean = mean();
                double var = Math.max(0, (sumOfSquares - m * mean * mean) / (m - 1));
                return Math.sqrt(var / m) / mean;
            }
        }

        /** The mean estimated log-likelihood of the rows of {@code data}: mean(−F(v)) − log Ẑ, in nats. */
        public double logLikelihood(RestrictedBoltzmannMachine rbm, Tensor data) {
            return -ExactLikelihood.meanFreeEnergy(rbm, data) - logZ();
        }
    }
}
