package org.ebl4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;

import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Tensor;

/**
 * Reader for the IDX format of the MNIST distribution (LeCun, Cortes &amp; Burges, http://yann.lecun.com/exdb/mnist/),
 * also used by Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017): a magic number made of two zero bytes, a type code and
 * the rank r; then r big-endian int32 dimensions; then the values in row-major order, big-endian. Type codes:
 * {@code 0x08} unsigned byte, {@code 0x09} signed byte, {@code 0x0B} int16, {@code 0x0C} int32, {@code 0x0D} float32,
 * {@code 0x0E} float64. Files may be gzip-compressed; compression is detected from the magic bytes {@code 1f 8b},
 * not from the file name.
 *
 * <p>Malformed files throw {@link MalformedDataException} naming the file and the problem: a wrong magic number, an
 * unknown type code, a rank outside 1..{@value #MAX_RANK}, a dimension that is not positive, more than
 * {@link #MAX_VALUES} values (or more data bytes than a Java array holds), a header or data shorter than the header
 * promises (truncated), bytes after the data (trailing data), or corrupt gzip data. The data is read as it comes,
 * so a header that lies about a huge size fails as truncated without allocating that size.
 */
public final class IdxReader {
    /** Type code of unsigned bytes (MNIST images and labels). */
    public static final int UNSIGNED_BYTE = 0x08;
    public static final int SIGNED_BYTE = 0x09;
    public static final int SHORT = 0x0B;
    public static final int INT = 0x0C;
    public static final int FLOAT = 0x0D;
    public static final int DOUBLE = 0x0E;
    /** Largest rank accepted; MNIST uses 1 (labels) and 3 (images). */
    public static final int MAX_RANK = 8;
    /** Largest number of values accepted (what one float tensor can hold). */
    public static final long MAX_VALUES = DataFiles.MAX_VALUES;

    private IdxReader() {
    }

    /**
     * The type code, dimensions and raw data bytes (big-endian, row-major) of an IDX file.
     *
     * @throws IllegalArgumentException for an unknown type code or a data length that does not match the dims
     */
    public record Contents(int type, int[] dims, byte[] values) {
        public Contents {
            if (bytes(type) == 0) {
                throw new IllegalArgumentException("IdxReader.Contents: unknown type code " + type);
            }
            long count = Arrays.stream(dims).asLongStream().reduce(1, (a, b) -> a * b);
            if (bytes(type) * count != values.length) {
                throw new IllegalArgumentException("IdxReader.Contents: dims " + Arrays.toString(dims) + " of "
                        + typeName(type) + " need " + bytes(type) * count + " bytes, got " + values.length);
            }
        }

        /** Unsigned-byte contents, the type of MNIST. */
        public Contents(int[] dims, byte[] values) {
            this(UNSIGNED_BYTE, dims, values);
        }

        /** The number of values. */
        public int count() {
            return values.length / bytes(type);
        }

        /** Value {@code i} (row-major) of an unsigned-byte file as an int in [0, 255]. */
        public int unsigned(int i) {
            if (type != UNSIGNED_BYTE) {
                throw new IllegalStateException("IdxReader.Contents.unsigned: the values are " + typeName(type));
            }
            return values[i] & 0xff;
        }

        /** Value {@code i} (row-major) of any type. */
        public double get(int i) {
            return value(ByteBuffer.wrap(values), i);
        }

        /** The values as a float tensor of shape {@code dims}, unscaled (int32 and float64 rounded to float32). */
        public Tensor toTensor() {
            Tensor t = Tensor.zeros(dims);
            FloatBuffer d = t.storage().buffer();
            ByteBuffer b = ByteBuffer.wrap(values);
            if (type == FLOAT) {
                d.duplicate().put(b.asFloatBuffer());
            } else {
                for (int i = 0, n = count(); i < n; i++) {
                    d.put(i, (float) value(b, i));
                }
            }
            return t;
        }

        private double value(ByteBuffer b, int i) {
            return switch (type) {
                case UNSIGNED_BYTE -> b.get(i) & 0xff;
                case SIGNED_BYTE -> b.get(i);
                case SHORT -> b.getShort(2 * i);
                case INT -> b.getInt(4 * i);
                case FLOAT -> b.getFloat(4 * i);
                default -> b.getDouble(8 * i);
            };
        }
    }

    /** Reads an IDX file of any type. */
    public static Contents read(Path file) throws IOException {
        try (InputStream in = DataFiles.open(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads an IDX file of any type as a float tensor of its dims, values as stored ({@link Contents#toTensor}). */
    public static Tensor readTensor(Path file) throws IOException {
        return read(file).toTensor();
    }

    /**
     * Reads a rank-3 unsigned-byte IDX file of images as a float tensor [N, rows, cols] with values pixel / 255 in
     * [0, 1].
     */
    public static Tensor readImages(Path file) throws IOException {
        Contents c = read(file);
        requireRank(file, c, 3, "images [N, rows, cols]");
        if (c.type() != UNSIGNED_BYTE) {
            throw new MalformedDataException(file.toString(), "expected images of unsigned bytes (type code 0x08), "
                    + "found " + typeName(c.type()) + " (type code " + String.format("0x%02x", c.type()) + ")");
        }
        Tensor t = Tensor.zeros(c.dims());
        FloatBuffer d = t.storage().buffer();
        for (int i = 0; i < c.values().length; i++) {
            d.put(i, c.unsigned(i) / 255f);
        }
        return t;
    }

    /** Reads a rank-1 IDX file of class labels: integers (unsigned or signed bytes, int16 or int32), none negative. */
    public static Indices readLabels(Path file) throws IOException {
        Contents c = read(file);
        requireRank(file, c, 1, "labels [N]");
        if (c.type() == FLOAT || c.type() == DOUBLE) {
            throw new MalformedDataException(file.toString(), "expected integer labels, found "
                    + typeName(c.type()) + " (type code " + String.format("0x%02x", c.type()) + ")");
        }
        int[] labels = new int[c.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (int) c.get(i);
            if (labels[i] < 0) {
                throw new MalformedDataException(file.toString(), "label " + labels[i] + " at position " + i
                        + " is negative");
            }
        }
        return Indices.of(labels);
    }

    private static Contents read(InputStream in, String source) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) {
            throw new MalformedDataException(source, "truncated IDX file: the header ends early, after "
                    + magic.length + " of the 4 bytes of its magic number");
        }
        int type = magic[2] & 0xff;
        int rank = magic[3] & 0xff;
        if (magic[0] != 0 || magic[1] != 0) {
            throw new MalformedDataException(source, "not an IDX file: magic number 0x" + hex(magic)
                    + " does not start with two zero bytes (expected e.g. 0x00000803 for images, 0x00000801 for"
                    + " labels)");
        }
        if (bytes(type) == 0) {
            throw new MalformedDataException(source, "unknown IDX type code " + String.format("0x%02x", type)
                    + " in the magic number 0x" + hex(magic) + " (known: 0x08 unsigned byte, 0x09 signed byte, "
                    + "0x0b short, 0x0c int, 0x0d float, 0x0e double)");
        }
        if (rank < 1 || rank > MAX_RANK) {
            throw new MalformedDataException(source, "absurd IDX rank " + rank + " (accepted 1.." + MAX_RANK + ")");
        }
        byte[] dimBytes = in.readNBytes(4 * rank);
        if (dimBytes.length < 4 * rank) {
            throw new MalformedDataException(source, "truncated IDX file: the header ends early, after "
                    + (4 + dimBytes.length) + " of its " + (4 + 4 * rank) + " bytes (rank " + rank + ")");
        }
        int[] dims = new int[rank];
        ByteBuffer.wrap(dimBytes).asIntBuffer().get(dims);
        long need = bytes(type) * count(source, dims);
        if (need > DataFiles.MAX_ARRAY) {
            throw new MalformedDataException(source, "absurd IDX dims " + Arrays.toString(dims) + ": " + need
                    + " bytes of " + typeName(type) + ", more than a Java array holds");
        }
        byte[] values = in.readNBytes((int) need); // grows as it reads: a lying header cannot force a huge array
        if (values.length < need) {
            throw new MalformedDataException(source, "truncated IDX file: header promises " + need
                    + " bytes of data (dims " + Arrays.toString(dims) + " of " + typeName(type) + "), found only "
                    + values.length);
        }
        long extra = in.transferTo(OutputStream.nullOutputStream());
        if (extra > 0) {
            throw new MalformedDataException(source, "corrupt IDX file: trailing data: " + extra
                    + " bytes after the " + need + " data bytes that dims " + Arrays.toString(dims) + " of "
                    + typeName(type) + " imply");
        }
        return new Contents(type, dims, values);
    }

    private static void requireRank(Path file, Contents c, int rank, String what) {
        if (c.dims().length != rank) {
            throw new MalformedDataException(file.toString(), "expected " + what + " (rank " + rank + "), found rank "
                    + c.dims().length + " with dims " + Arrays.toString(c.dims()));
        }
    }

    private static long count(String source, int[] dims) {
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] <= 0) {
                throw new MalformedDataException(source, "absurd IDX dims " + Arrays.toString(dims) + ": dimension "
                        + i + " is " + dims[i] + ", not positive");
            }
        }
        return DataFiles.count(source, "absurd IDX dims", dims);
    }

    /** Bytes per value of a type code, 0 for an unknown code. */
    private static int bytes(int type) {
        return switch (type) {
            case UNSIGNED_BYTE, SIGNED_BYTE -> 1;
            case SHORT -> 2;
            case INT, FLOAT -> 4;
            case DOUBLE -> 8;
            default -> 0;
        };
    }

    private static String typeName(int type) {
        return switch (type) {
            case UNSIGNED_BYTE -> "unsigned bytes";
            case SIGNED_BYTE -> "signed bytes";
            case SHORT -> "int16";
            case INT -> "int32";
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            default -> "unknown type";
        };
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x", b & 0xff));
        }
        return sb.toString();
    }
}
