package org.ebl4j.kernel;

import java.nio.FloatBuffer;

/**
 * log Σᵢ e^{xᵢ} and softmax e^{xᵢ} / Σⱼ e^{xⱼ} of contiguous rows, one pass over each row's data for the exponentials:
 * with m the row maximum (0 when it is infinite, so that all −∞ or +∞ rows give −∞ or +∞ rather than NaN),
 * log Σ e^{x} = m + log Σ e^{x − m}, computed with {@link FloatMath#exp} on whole chunks (vectorised across short
 * rows), the sum in float64 and the final m + log(·) in float64.
 *
 * <p>Rows shorter than a chunk are read many to a chunk; longer ones are streamed chunk by chunk (one pass for the
 * maximum, one for the exponentials, and for softmax one more to scale them).
 */
public final class LogSumExpKernel {
    private LogSumExpKernel() {
    }

    /** out[oo + r] = log Σᵢ exp(x[xo + r·len + i]) for r &lt; rows; len ≥ 1. */
    public static void logSumExp(FloatBuffer x, int xo, int rows, int len, FloatBuffer out, int oo) {
        float[][] scratch = Chunks.scratch();
        float[] v = scratch[0];
        float[] shift = scratch[1];
        if (len <= Chunks.SIZE) {
            int perChunk = Chunks.SIZE / len;
            for (int r0 = 0; r0 < rows; r0 += perChunk) {
                int k = Math.min(perChunk, rows - r0);
                x.get(xo + r0 * len, v, 0, k * len);
                shiftedExp(v, k, len, shift);
                for (int j = 0; j < k; j++) {
                    out.put(oo + r0 + j, (float) (shift[j] + Math.log(SumKernel.sum(v, j * len, len))));
                }
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            int base = xo + r * len;
            float m = shift(max(x, base, len, v));
            out.put(oo + r, (float) (m + Math.log(sumExp(x, base, len, m, v, null, 0))));
        }
    }

    /** o[oo + r·len + i] = softmax of row r of x at i, for r &lt; rows; len ≥ 1. */
    public static void softmax(FloatBuffer x, int xo, int rows, int len, FloatBuffer o, int oo) {
        float[][] scratch = Chunks.scratch();
        float[] v = scratch[0];
        float[] shift = scratch[1];
        if (len <= Chunks.SIZE) {
            int perChunk = Chunks.SIZE / len;
            for (int r0 = 0; r0 < rows; r0 += perChunk) {
                int k = Math.min(perChunk, rows - r0);
                x.get(xo + r0 * len, v, 0, k * len);
                shiftedExp(v, k, len, shift);
                for (int j = 0; j < k; j++) {
                    scale(v, j * len, len, (float) (1 / SumKernel.sum(v, j * len, len)));
                }
                o.put(oo + r0 * len, v, 0, k * len);
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            int base = xo + r * len;
            int obase = oo + r * len;
            float m = shift(max(x, base, len, v));
            float inv = (float) (1 / sumExp(x, base, len, m, v, o, obase));
            for (int s = 0; s < len; s += Chunks.SIZE) {
                int n = Math.min(Chunks.SIZE, len - s);
                o.get(obase + s, v, 0, n);
                scale(v, 0, n, inv);
                o.put(obase + s, v, 0, n);
            }
        }
    }

    /** For each of k rows of len in v: shift[j] = the row's max (0 if infinite), then v ← e^{v − shift}. */
    private static void shiftedExp(float[] v, int k, int len, float[] shift) {
        for (int j = 0; j < k; j++) {
            int b = j * len;
            float m = shift(ArrayMath.fastest().max(v, b, len));
            shift[j] = m;
            subtract(v, b, len, m);
        }
        ArrayMath.fastest().exp(v, k * len);
    }

    /** The shift for a row with maximum m: m itself, or 0 when m is ±∞ (NaN stays NaN). */
    private static float shift(float m) {
        return Float.isInfinite(m) ? 0f : m;
    }

    /** Maximum of a long row, read through the chunk buffer v. */
    private static float max(FloatBuffer x, int base, int len, float[] v) {
        float m = Float.NEGATIVE_INFINITY;
        for (int s = 0; s < len; s += Chunks.SIZE) {
            int n = Math.min(Chunks.SIZE, len - s);
            x.get(base + s, v, 0, n);
            m = Math.max(m, ArrayMath.fastest().max(v, 0, n));
        }
        return m;
    }

    /** Σ e^{x − m} over a long row in float64; the exponentials are also written to o (when not null). */
    private static double sumExp(FloatBuffer x, int base, int len, float m, float[] v, FloatBuffer o, int obase) {
        double sum = 0;
        for (int s = 0; s < len; s += Chunks.SIZE) {
            int n = Math.min(Chunks.SIZE, len - s);
            x.get(base + s, v, 0, n);
            subtract(v, 0, n, m);
            ArrayMath.fastest().exp(v, n);
            sum += SumKernel.sum(v, 0, n);
            if (o != null) {
                o.put(obase + s, v, 0, n);
            }
        }
        return sum;
    }

    private static void subtract(float[] v, int from, int n, float c) {
        for (int i = from; i < from + n; i++) {
            v[i] -= c;
        }
    }

    private static void scale(float[] v, int from, int n, float c) {
        for (int i = from; i < from + n; i++) {
            v[i] *= c;
        }
    }
}
