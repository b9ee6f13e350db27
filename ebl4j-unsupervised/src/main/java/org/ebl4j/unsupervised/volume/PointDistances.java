package org.ebl4j.unsupervised.volume;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import org.ebl4j.kernel.Gemm;
import org.ebl4j.tensor.Tensor;

/**
 * Squared distances from N fixed points y_i (rows of [N, d]) to a few centres that fitting loops move many times
 * (Lloyd steps, k-means++ candidates): ||y_i − c_k||² = ||y_i||² − 2 y_i·c_k + ||c_k||², clamped at 0 against
 * rounding. The cross terms come from one matrix product into an off-heap buffer kept between calls, so a step
 * allocates no tensors; {@link #distances} then reads them block by block. Not differentiable
 * ({@link SquaredDistances} is the autodiff version).
 */
final class PointDistances {
    /** Rows per block handed out by {@link #distances}. */
    static final int BLOCK = 256;

    private final Tensor points; // keeps the storage reachable while its buffer is used
    private final FloatBuffer data;
    private final int offset;
    private final int n;
    private final int d;
    private final float[] norms;
    private final double totalNorm;
    private FloatBuffer centres;
    private FloatBuffer cross;
    private float[] centreNorms;
    private int k;

    /** The points: a 2-D tensor [N, d] (copied when not contiguous). */
    PointDistances(Tensor y) {
        points = y.detach().contiguous();
        data = points.storage().buffer();
        offset = points.offset();
        n = points.shape(0);
        d = points.shape(1);
        norms = new float[n];
        float[] row = new float[d];
        double total = 0;
        for (int i = 0; i < n; i++) {
            row(i, row);
            double s = 0;
            for (float v : row) {
                s += (double) v * v;
            }
            norms[i] = (float) s;
            total += s;
        }
        totalNorm = total;
    }

    /** N, the number of points. */
    int size() {
        return n;
    }

    /** d, the dimension. */
    int dim() {
        return d;
    }

    /** The points as a tensor [N, d]. */
    Tensor points() {
        return points;
    }

    /** Σ_i ||y_i||². */
    double totalNorm() {
        return totalNorm;
    }

    /** Copies point i into {@code dst} (length >= d) and returns it. */
    float[] row(int i, float[] dst) {
        data.get(offset + i * d, dst, 0, d);
        return dst;
    }

    /** The given points as centres: rows {@code index} copied into one array [index.length * d]. */
    float[] rows(int[] index) {
        float[] out = new float[index.length * d];
        for (int r = 0; r < index.length; r++) {
            data.get(offset + index[r] * d, out, r * d, d);
        }
        return out;
    }

    /** Sets the centres (k rows of d in {@code c}) and computes the cross terms −2 y_i·c_k: one matrix product. */
    void setCentres(float[] c, int count) {
        if (c.length < count * d) {
            throw new IllegalArgumentException("PointDistances: " + count + " centres of " + d + " need "
                    + count * d + " floats, got " + c.length);
        }
        k = count;
        if (centres == null || centres.capacity() < count * d) {
            centres = direct(count * d);
            cross = direct(n * count);
        }
        centres.put(0, c, 0, count * d);
        centreNorms = new float[count];
        for (int j = 0; j < count; j++) {
            double s = 0;
            for (int t = j * d; t < (j + 1) * d; t++) {
                s += (double) c[t] * c[t];
            }
            centreNorms[j] = (float) s;
        }
        Gemm.sgemm(false, true, n, count, d, -2f, data, offset, d, centres, 0, d, 0f, cross, 0, count);
    }

    /** The number of centres last set. */
    int centres() {
        return k;
    }

    /**
     * ||y_i − c_j||² for the points first .. first + rows − 1 (rows <= {@link #BLOCK}) and every centre last set, into
     * {@code out} row-major [rows, k].
     */
    void distances(int first, int rows, float[] out) {
        cross.get(first * k, out, 0, rows * k);
        for (int r = 0; r < rows; r++) {
            float yy = norms[first + r];
            int base = r * k;
            for (int j = 0; j < k; j++) {
                out[base + j] = Math.max(0f, out[base + j] + yy + centreNorms[j]);
            }
        }
    }

    /** A scratch array for {@link #distances}: [BLOCK * k] for the centres last set. */
    float[] block() {
        return new float[BLOCK * k];
    }

    /**
     * The nearest of the centres {@code c} (k rows) for every point: its index into {@code labels} and its squared
     * distance into {@code best}; returns Σ_i best_i (the inertia).
     */
    double nearest(float[] c, int count, int[] labels, float[] best) {
        setCentres(c, count);
        float[] dist = block();
        double total = 0;
        for (int first = 0; first < n; first += BLOCK) {
            int rows = Math.min(BLOCK, n - first);
            cross.get(first * count, dist, 0, rows * count);
            for (int r = 0; r < rows; r++) { // argmin of −2y·c_j + ||c_j||²; ||y||² added to the winner only
                int base = r * count;
                int arg = 0;
                float v = dist[base] + centreNorms[0];
                for (int j = 1; j < count; j++) {
                    float u = dist[base + j] + centreNorms[j];
                    if (u < v) {
                        v = u;
                        arg = j;
                    }
                }
                v = Math.max(0f, v + norms[first + r]);
                labels[first + r] = arg;
                best[first + r] = v;
                total += v;
            }
        }
        return total;
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
