package org.ebl4j.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Tensor;

/**
 * Reader for the IDX format of the MNIST distribution (LeCun, Cortes &amp; Burges, http://yann.lecun.com/exdb/mnist/):
 * two zero bytes, a type code, the rank r, then r big-endian int32 dimensions and the values in row-major order.
 * Only unsigned bytes (type code {@code 0x08}) are supported. Files may be gzip-compressed; compression is detected
 * from the magic bytes {@code 1f 8b}, not from the file name.
 *
 * <p>Every error names the file: a wrong magic number, an unsupported type code, a rank or dimensions that cannot
 * be right, fewer bytes than the dimensions imply (truncated) or more (trailing data).
 */
public final class IdxReader {
    /** Type code of unsigned bytes, the only one read. */
    public static final int UNSIGNED_BYTE = 0x08;
    /** Largest rank accepted; MNIST uses 1 (labels) and 3 (images). */
    public static final int MAX_RANK = 8;
    /** Largest number of values accepted (what one float tensor can hold). */
    public static final long MAX_VALUES = Integer.MAX_VALUE / 4;

    private IdxReader() {
    }

    /** The dimensions and the raw unsigned-byte values of an IDX file. */
    public record Contents(int[] dims, byte[] values) {
        /** Value {@code i} (row-major) as an int in [0, 255]. */
        public int unsigned(int i) {
            return values[i] & 0xff;
        }
    }

    /** Reads any unsigned-byte IDX file. */
    public static Contents read(Path file) throws IOException {
        try (InputStream raw = open(file); DataInputStream in = new DataInputStream(raw)) {
            int[] dims = header(file, in);
            long count = count(file, dims);
            byte[] values = in.readNBytes((int) count); // grows as it reads: a lying header cannot force a huge array
            if (values.length < count) {
                throw new IOException(file + ": truncated IDX file: dims " + Arrays.toString(dims) + " need " + count
                        + " data bytes, found only " + values.length);
            }
            if (in.read() != -1) {
                throw new IOException(file + ": corrupt IDX file: extra bytes after the " + count
                        + " data bytes that dims " + Arrays.toString(dims) + " imply");
            }
            return new Contents(dims, values);
        } catch (EOFException e) {
            throw new IOException(file + ": truncated IDX file: the header ends early", e);
        }
    }

    /** Reads a rank-3 IDX file of images as a float tensor [N, rows, cols] with values pixel / 255 in [0, 1]. */
    public static Tensor readImages(Path file) throws IOException {
        Contents c = read(file);
        requireRank(file, c, 3, "images [N, rows, cols]");
        Tensor t = Tensor.zeros(c.dims());
        FloatBuffer d = t.storage().buffer();
        for (int i = 0; i < c.values().length; i++) {
            d.put(i, c.unsigned(i) / 255f);
        }
        return t;
    }

    /** Reads a rank-1 IDX file of class labels. */
    public static Indices readLabels(Path file) throws IOException {
        Contents c = read(file);
        requireRank(file, c, 1, "labels [N]");
        int[] labels = new int[c.values().length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = c.unsigned(i);
        }
        return Indices.of(labels);
    }

    private static void requireRank(Path file, Contents c, int rank, String what) throws IOException {
        if (c.dims().length != rank) {
            throw new IOException(file + ": expected " + what + " (rank " + rank + "), found rank "
                    + c.dims().length + " with dims " + Arrays.toString(c.dims()));
        }
    }

    /** The file's bytes, un-gzipped when it starts with the gzip magic 1f 8b. */
    private static InputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, Files.exists(file) ? "not a regular file"
                    : "no such file");
        }
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    private static int[] header(Path file, DataInputStream in) throws IOException {
        int zero0 = in.readUnsignedByte();
        int zero1 = in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int rank = in.readUnsignedByte();
        if (zero0 != 0 || zero1 != 0) {
            throw new IOException(file + ": not an IDX file: magic number 0x" + hex(zero0, zero1, type, rank)
                    + " does not start with two zero bytes (expected e.g. 0x00000803 for images, 0x00000801 for"
                    + " labels)");
        }
        if (type != UNSIGNED_BYTE) {
            throw new IOException(file + ": unsupported IDX type code 0x" + String.format("%02x", type) + " ("
                    + typeName(type) + "); supported: 0x08 (unsigned byte)");
        }
        if (rank < 1 || rank > MAX_RANK) {
            throw new IOException(file + ": absurd IDX rank " + rank + " (accepted 1.." + MAX_RANK + ")");
        }
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = in.readInt();
        }
        return dims;
    }

    private static long count(Path file, int[] dims) throws IOException {
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IOException(file + ": absurd IDX dims " + Arrays.toString(dims) + ": negative size");
            }
            n *= d;
            if (n > MAX_VALUES) {
                throw new IOException(file + ": absurd IDX dims " + Arrays.toString(dims) + ": more than "
                        + MAX_VALUES + " values");
            }
        }
        return n;
    }

    private static String hex(int... bytes) {
        StringBuilder sb = new StringBuilder();
        for (int b : bytes) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x09 -> "signed byte";
            case 0x0B -> "short";
            case 0x0C -> "int";
            case 0x0D -> "float";
            case 0x0E -> "double";
            default -> "unknown";
        };
    }
}
