package org.ebl4j.kernel;

import java.nio.FloatBuffer;

/**
 * Moves rows of off-heap data through small per-thread heap arrays. Loops over {@code float[]} are vectorised by
 * the JIT (loops over a direct FloatBuffer are not, and pay a bounds check per element), so element-wise kernels
 * copy a chunk in with one bulk copy, compute on the array, and copy it out.
 */
final class Chunks {
    /** Elements per chunk: three chunks stay well inside L1. */
    static final int SIZE = 1024;

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[2][SIZE]);

    private Chunks() {
    }

    /** Two scratch arrays of {@link #SIZE} floats owned by the calling thread. */
    static float[][] scratch() {
        return SCRATCH.get();
    }

    /** Reads {@code len} elements starting at {@code off} with stride {@code stride} (0 broadcasts one value). */
    static void load(FloatBuffer src, int off, int stride, float[] dst, int len) {
        if (stride == 1) {
            src.get(off, dst, 0, len);
        } else if (stride == 0) {
            java.util.Arrays.fill(dst, 0, len, src.get(off));
        } else {
            for (int i = 0; i < len; i++) {
                dst[i] = src.get(off + i * stride);
            }
        }
    }
}
