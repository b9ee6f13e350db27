package org.ebl4j.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Off-heap float32 memory shared by a tensor and its views.
 *
 * <p>Data lives in a direct {@link FloatBuffer} (native byte order) so native kernels (OpenBLAS) receive a pointer
 * to the same bytes Java loops read: nothing is copied on the hot path. Only tiny tensors
 * ({@link #HEAP_LIMIT}) use a heap buffer; matrix products touching one run in a Java kernel. The memory is released by the garbage
 * collector with the buffer (direct-buffer cleaner); code that hands the address to native code must keep the
 * buffer reachable during the call ({@code Reference.reachabilityFence}).
 */
public final class Storage {
    /**
     * Tensors of at most this many floats (scalars, biases, per-row statistics) live on the Java heap: a direct
     * buffer costs microseconds to allocate and free, far more than such a tensor's arithmetic.
     */
    public static final int HEAP_LIMIT = 256;

    private final FloatBuffer data;

    private Storage(FloatBuffer data) {
        this.data = data;
    }

    /** Zero-filled storage of {@code size} floats. */
    public static Storage allocate(long size) {
        if (size < 0 || size > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("cannot allocate a tensor of " + size + " floats (limit "
                    + Integer.MAX_VALUE / 4 + ")");
        }
        if (size <= HEAP_LIMIT) {
            return new Storage(FloatBuffer.wrap(new float[(int) size]));
        }
        ByteBuffer bytes = ByteBuffer.allocateDirect((int) size * Float.BYTES).order(ByteOrder.nativeOrder());
        return new Storage(bytes.asFloatBuffer());
    }

    /** Storage holding a copy of {@code values}. */
    public static Storage of(float[] values) {
        Storage s = allocate(values.length);
        s.data.put(0, values);
        return s;
    }

    /** The buffer; absolute indices 0..size-1. Never change its position or limit. */
    public FloatBuffer buffer() {
        return data;
    }

    public int size() {
        return data.capacity();
    }
}
