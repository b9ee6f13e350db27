package org.ebl4j.unsupervised.rbm;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.kernel.Threads;
import org.ebl4j.tensor.Tensor;

/**
 * The exact partition function Z = Σ_v Σ_h exp(−E(v, h)) of a small RBM, by enumerating the states of its
 * smaller binary layer (at most 2^{@value #MAX_UNITS} states) and summing the other layer out in closed form, in
 * double precision with a running log-sum-exp:
 *
 * <pre>
 *   binary, over h:    log Z = logsumexp_h [ bᵀh + Σ_i softplus(a_i + (Wh)_i) ]
 *   binary, over v:    log Z = logsumexp_v [ aᵀv + Σ_j softplus(b_j + (vᵀW)_j) ] = logsumexp_v −F(v)
 *   Gaussian, over h:  log Z = Σ_i ½ log(2πσ_i²) + logsumexp_h [ bᵀh + Σ_i ((a_i + (Wh)_i)² − a_i²) / (2σ_i²) ]
 * </pre>
 *
 * States are visited in Gray-code order, so each one changes the other layer's input by one column of W (O(D)
 * per state instead of O(DH)); the sequence is split over the threads, each block starting from a fresh product.
 * With it the log-likelihood log p(v) = −F(v) − log Z is exact.
 */
public final class ExactLikelihood {
    /** The largest enumerated layer: 2^16 states. */
    public static final int MAX_UNITS = 16;

    private ExactLikelihood() {
    }

    /** log Z of {@code rbm}; fails when both layers (the hidden one, for Gaussian visible units) exceed 16 units. */
    public static double logPartition(RestrictedBoltzmannMachine rbm) {
        float[] w = rbm.weight().toArray();
        float[] a = rbm.visibleBias().toArray();
        float[] b = rbm.hiddenBias().toArray();
        int d = rbm.visible();
        int h = rbm.hidden();
        if (rbm instanceof GaussianBinaryRbm g) {
            requireSmall("the hidden layer (Gaussian visible units cannot be enumerated)", h);
            float[] z = g.logVariance().toArray();
            double[] precision = new double[d];
            double constant = 0;
            for (int i = 0; i < d; i++) {
                precision[i] = Math.exp(-z[i]);
                constant += 0.5 * (Math.log(2 * Math.PI) + z[i]);
            }
            OtherLayer gaussian = (u, i) -> 0.5 * (u * u - (double) a[i] * a[i]) * precision[i];
            return constant + enumerate(b, toDouble(a), columns(w, d, h, false), gaussian);
        }
        if (h <= d) {
            requireSmall("the smaller layer", h);
            return enumerate(b, toDouble(a), columns(w, d, h, false), ExactLikelihood::softplus);
        }
        requireSmall("the smaller layer", d);
        return enumerate(a, toDouble(b), columns(w, d, h, true), ExactLikelihood::softplus);
    }

    /** The mean over the rows of {@code data} of log p(v) = −F(v) − log Z, in nats. */
    public static double logLikelihood(RestrictedBoltzmannMachine rbm, Tensor data) {
        return -meanFreeEnergy(rbm, data) - logPartition(rbm);
    }

    /** The mean of F(v) over the rows of {@code data}, summed in double. */
    static double meanFreeEnergy(RestrictedBoltzmannMachine rbm, Tensor data) {
        rbm.checkVisible("freeEnergy", data);
        if (data.shape(0) == 0) {
            throw new IllegalArgumentException("log-likelihood of an empty data set [0, " + rbm.visible() + "]");
        }
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            double sum = 0;
            for (float f : rbm.freeEnergy(data).toArray()) {
                sum += f;
            }
            return sum / data.shape(0);
        }
    }

    /** The other layer's log-factor for unit i at input u. */
    @FunctionalInterface
    private interface OtherLayer {
        double logFactor(double u, int i);
    }

    private static double softplus(double u, int i) {
        return Math.max(u, 0) + Math.log1p(Math.exp(-Math.abs(u)));
    }

    /**
     * logsumexp over s ∈ {0, 1}^n of [ biasᵀs + Σ_i f(offset_i + (M s)_i, i) ], M given as n columns of length m.
     */
    private static double enumerate(float[] bias, double[] offset, double[][] columns, OtherLayer f) {
        int n = bias.length;
        int m = offset.length;
        long states = 1L << n;
        int tasks = (int) Math.max(1, Math.min(Threads.count(), states * m / 65_536));
        double[] max = new double[tasks];
        double[] sum = new double[tasks];
        Threads.parallelFor(tasks, task -> {
            long from = states * task / tasks;
            long to = states * (task + 1) / tasks;
            double[] u = new double[m];
            int code = (int) (from ^ (from >>> 1));
            double own = 0;
            System.arraycopy(offset, 0, u, 0, m);
            for (int j = 0; j < n; j++) {
                if ((code >>> j & 1) != 0) {
                    own += bias[j];
                    for (int i = 0; i < m; i++) {
                        u[i] += columns[j][i];
                    }
                }
            }
            double best = Double.NEGATIVE_INFINITY;
            double acc = 0;
            for (long s = from; s < to; s++) {
                if (s > from) { // Gray code: state s differs from s − 1 in bit tz(s)
                    int j = Long.numberOfTrailingZeros(s);
                    code ^= 1 << j;
                    double sign = (code >>> j & 1) != 0 ? 1 : -1;
                    own += sign * bias[j];
                    double[] c = columns[j];
                    for (int i = 0; i < m; i++) {
                        u[i] += sign * c[i];
                    }
                }
                double term = own;
                for (int i = 0; i < m; i++) {
                    term += f.logFactor(u[i], i);
                }
                if (term > best) {
                    acc = acc * Math.exp(best - term) + 1;
                    best = term;
                } else {
                    acc += Math.exp(term - best);
                }
            }
            max[task] = best;
            sum[task] = acc;
        });
        double best = Double.NEGATIVE_INFINITY;
        for (double x : max) {
            best = Math.max(best, x);
        }
        double total = 0;
        for (int t = 0; t < tasks; t++) {
            total += sum[t] * Math.exp(max[t] - best);
        }
        return best + Math.log(total);
    }

    /** Columns of W [D, H] as double arrays: the H columns (length D), or with {@code rows} the D rows (length H). */
    private static double[][] columns(float[] w, int d, int h, boolean rows) {
        double[][] out = rows ? new double[d][h] : new double[h][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < h; j++) {
                if (rows) {
                    out[i][j] = w[i * h + j];
                } else {
                    out[j][i] = w[i * h + j];
                }
            }
        }
        return out;
    }

    private static double[] toDouble(float[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i];
        }
        return out;
    }

    private static void requireSmall(String layer, int units) {
        if (units > MAX_UNITS) {
            throw new IllegalArgumentException("ExactLikelihood: " + layer + " has " + units + " units; enumeration "
                    + "handles at most " + MAX_UNITS + " (2^" + MAX_UNITS + " states)");
        }
    }
}
