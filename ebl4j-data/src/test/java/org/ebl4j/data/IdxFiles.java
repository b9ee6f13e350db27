package org.ebl4j.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests: header bytes as given, then the values. */
final class IdxFiles {
    private IdxFiles() {
    }

    /** The bytes of a well-formed unsigned-byte IDX file. */
    static byte[] idx(int[] dims, byte[] values) throws IOException {
        return idx(0x08, dims, values);
    }

    static byte[] idx(int type, int[] dims, byte[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {0, 0, (byte) type, (byte) dims.length});
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(values);
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    static Path write(Path file, byte[] data) throws IOException {
        Files.write(file, data);
        return file;
    }

    /** A gzip MNIST-style directory: {@code n} images of rows x cols with pixel (i, p) = (i + p) mod 256. */
    static Path mnistDir(Path dir, int n, int rows, int cols, int[] labels) throws IOException {
        byte[] pixels = new byte[n * rows * cols];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i / (rows * cols) + i % (rows * cols));
        }
        byte[] labelBytes = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            labelBytes[i] = (byte) labels[i];
        }
        write(dir.resolve(Mnist.IMAGES), gzip(idx(new int[] {n, rows, cols}, pixels)));
        write(dir.resolve(Mnist.LABELS), gzip(idx(new int[] {labels.length}, labelBytes)));
        return dir;
    }
}
