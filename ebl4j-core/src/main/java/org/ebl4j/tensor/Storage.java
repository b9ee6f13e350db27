package org.ebl4j.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import org.bytedeco.javacpp.FloatPointer;

/**
 * Off-heap float32 memory shared by a tensor and its views.
 *
 * <p>Data lives in a direct {@link FloatBuffer} (native byte order) so native kernels (OpenBLAS) receive a pointer
 * to the same bytes Java loops read: nothing is copied on the hot path. The memory is released by the garbage
 * collector with the buffer (direct-buffer cleaner).
 */
public final class Storage {
    private final FloatBuffer data;
    private FloatPointer pointer;

    private Storage(FloatBuffer data) {
        this.data = data;
    }

    /** Zero-filled storage of {@code size} floats. */
    public static Storage allocate(long size) {
        if (size < 0 || size > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("cannot allocate a tensor of " + size + " floats (limit "
                    + Integer.MAX_VALUE / 4 + ")");
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

    /** A JavaCPP pointer to element 0 of this storage, for native calls (created once, no copy). */
    public FloatPointer pointer() {
        FloatPointer p = pointer;
        if (p == null) {
            p = new FloatPointer(data);
            pointer = p;
        }
        return p;
    }
}
