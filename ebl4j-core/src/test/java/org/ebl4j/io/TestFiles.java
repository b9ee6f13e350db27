package org.ebl4j.io;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/** Builds safetensors bytes by hand, the way the reference writer lays them out. */
final class TestFiles {
    private TestFiles() {
    }

    /** [u64 LE header length][header padded with spaces to a multiple of 8][data]. */
    static byte[] safetensors(String header, byte[] data) {
        byte[] h = header.getBytes(UTF_8);
        int padded = (h.length + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded).put(h);
        for (int i = h.length; i < padded; i++) {
            b.put((byte) ' ');
        }
        return b.put(data).array();
    }

    /** Raw bytes: [u64 LE length][header bytes as given, no padding][data]. */
    static byte[] raw(long headerLength, byte[] header, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        return b.putLong(headerLength).put(header).put(data).array();
    }

    static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putFloat(x);
        }
        return b.array();
    }

    /** Concatenation of little-endian values written by {@code fill}. */
    static byte[] bytes(int size, Consumer<ByteBuffer> fill) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        fill.accept(b);
        if (b.hasRemaining()) {
            throw new IllegalStateException("filled " + b.position() + " of " + size + " bytes");
        }
        return b.array();
    }
}
