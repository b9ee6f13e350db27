package org.ebl4j.kernel;

import java.nio.FloatBuffer;

/** Float64 accumulation of float32 rows, the inner loop of every sum reduction. */
public final class SumKernel {
    private SumKernel() {
    }

    /**
     * Adds {@code n} elements x[xo + i * xs] into acc: all into acc[ao] when {@code as == 0} (reducing along the
     * row), else element-wise into acc[ao + i * as].
     */
    public static void accumulate(FloatBuffer x, int xo, int xs, int n, double[] acc, int ao, int as) {
        float[] v = Chunks.scratch()[0];
        for (int s = 0; s < n; s += Chunks.SIZE) {
            int len = Math.min(Chunks.SIZE, n - s);
            Chunks.load(x, xo + s * xs, xs, v, len);
            if (as == 0) {
                acc[ao] += sum(v, len);
            } else if (as == 1) {
                int base = ao + s;
                for (int i = 0; i < len; i++) {
                    acc[base + i] += v[i];
                }
            } else {
                int base = ao + s * as;
                for (int i = 0; i < len; i++) {
                    acc[base + i * as] += v[i];
                }
            }
        }
    }

    /** Σ v[0..n) with four independent float64 partial sums (hides the add latency; fixed order). */
    private static double sum(float[] v, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += v[i];
            s1 += v[i + 1];
            s2 += v[i + 2];
            s3 += v[i + 3];
        }
        for (; i < n; i++) {
            s0 += v[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
