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
                acc[ao] += sum(v, 0, len);
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

    /**
     * acc[r] += Σ x[xo + r * len + i] over i &lt; len, for each of {@code rows} rows stored one after another.
     * Short rows are read many to a chunk, so a reduction over a short last axis costs no call per row; each row
     * is summed exactly as {@link #accumulate} sums it.
     */
    public static void rows(FloatBuffer x, int xo, int rows, int len, double[] acc) {
        if (len > Chunks.SIZE || len == 0) {
            for (int r = 0; r < rows; r++) {
                accumulate(x, xo + r * len, 1, len, acc, r, 0);
            }
            return;
        }
        float[] v = Chunks.scratch()[0];
        int perChunk = Chunks.SIZE / len;
        for (int r0 = 0; r0 < rows; r0 += perChunk) {
            int k = Math.min(perChunk, rows - r0);
            x.get(xo + r0 * len, v, 0, k * len);
            for (int j = 0; j < k; j++) {
                acc[r0 + j] += sum(v, j * len, len);
            }
        }
    }

    /** Σ v[from..from+n) in float64, in the fixed order of {@link ArrayMath#sum}. */
    static double sum(float[] v, int from, int n) {
        return ArrayMath.fastest().sum(v, from, n);
    }
}
