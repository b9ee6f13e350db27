package org.ebl4j.energy.sampling;

import org.ebl4j.tensor.Tensor;

/**
 * Sample mean and (unbiased) covariance of points [N, d] (or [T, B, d], flattened), accumulated in double: how
 * samplers are checked against analytic energies with known moments.
 */
public record SampleMoments(double[] mean, double[][] covariance, int count) {
    public static SampleMoments of(Tensor points) {
        int d = points.shape(points.dim() - 1);
        float[] v = points.toArray();
        int n = v.length / d;
        double[] m = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                m[j] += v[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            m[j] /= n;
        }
        double[][] c = new double[d][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    c[j][k] += (v[i * d + j] - m[j]) * (v[i * d + k] - m[k]);
                }
            }
        }
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++) {
                c[j][k] /= n - 1;
            }
        }
        return new SampleMoments(m, c, n);
    }

    /**
     * The largest error of the sample mean and covariance, each entry relative to |true| + its scale (σ_j for
     * mean entry j, σ_j σ_k for covariance entry (j, k), with σ² the true variances).
     */
    public double relativeError(double[] trueMean, double[][] trueCovariance) {
        int d = trueMean.length;
        double worst = 0;
        for (int j = 0; j < d; j++) {
            double sj = Math.sqrt(trueCovariance[j][j]);
            worst = Math.max(worst, Math.abs(mean[j] - trueMean[j]) / (Math.abs(trueMean[j]) + sj));
            for (int k = 0; k < d; k++) {
                double scale = sj * Math.sqrt(trueCovariance[k][k]);
                worst = Math.max(worst, Math.abs(covariance[j][k] - trueCovariance[j][k])
                        / (Math.abs(trueCovariance[j][k]) + scale));
            }
        }
        return worst;
    }

    @Override
    public String toString() {
        return "n=" + count + " mean=" + java.util.Arrays.toString(mean) + " cov="
                + java.util.Arrays.deepToString(covariance);
    }
}
