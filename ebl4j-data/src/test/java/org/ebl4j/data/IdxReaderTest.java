package org.ebl4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    private static final byte[] PIXELS = {0, (byte) 255, 51, 102, (byte) 128, 1, 2, 3, 4, 5, 6, 7};

    private static void assertFails(Path file, String expected, byte[] content) throws IOException {
        IdxFiles.write(file, content);
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> IdxReader.read(file));
        assertEquals(file.toString(), e.source());
        assertTrue(e.getMessage().startsWith(file + ": "), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), "says '" + expected + "': " + e.getMessage());
    }

    @Test
    void readsPlainImagesScaledToUnitInterval() throws IOException {
        Path f = IdxFiles.write(dir.resolve("img"), IdxFiles.idx(new int[] {3, 2, 2}, PIXELS));
        Tensor t = IdxReader.readImages(f);
        assertArrayEquals(new int[] {3, 2, 2}, t.shape());
        float[] v = t.toArray();
        assertEquals(0f, v[0]);
        assertEquals(1f, v[1]);
        assertEquals(0.2f, v[2], 1e-7);
        assertEquals(0.4f, v[3], 1e-7);
        assertEquals(128 / 255f, v[4], 1e-7);
        assertEquals(7 / 255f, t.get(2, 1, 1), 1e-7);
    }

    @Test
    void gzipIsDetectedByMagicBytesNotName() throws IOException {
        byte[] plain = IdxFiles.idx(new int[] {3, 2, 2}, PIXELS);
        Path gz = IdxFiles.write(dir.resolve("no-gz-suffix"), IdxFiles.gzip(plain));
        Path raw = IdxFiles.write(dir.resolve("raw.gz"), plain);
        assertArrayEquals(IdxReader.readImages(raw).toArray(), IdxReader.readImages(gz).toArray());
        assertArrayEquals(new int[] {3, 2, 2}, IdxReader.read(gz).dims());
    }

    @Test
    void fashionMnistFileNamesReadTheSameWay() throws IOException {
        Path f = IdxFiles.write(dir.resolve("t10k-images-idx3-ubyte.gz"),
                IdxFiles.gzip(IdxFiles.idx(new int[] {3, 2, 2}, PIXELS)));
        Path l = IdxFiles.write(dir.resolve("t10k-labels-idx1-ubyte.gz"),
                IdxFiles.gzip(IdxFiles.idx(new int[] {3}, new byte[] {9, 0, 3})));
        assertEquals(1f, IdxReader.readImages(f).get(0, 0, 1));
        assertArrayEquals(new int[] {9, 0, 3}, IdxReader.readLabels(l).data());
    }

    @Test
    void readsLabelsAsUnsignedIndices() throws IOException {
        Path f = IdxFiles.write(dir.resolve("lab"), IdxFiles.gzip(IdxFiles.idx(new int[] {4},
                new byte[] {7, 0, 9, (byte) 200})));
        Indices l = IdxReader.readLabels(f);
        assertArrayEquals(new int[] {4}, l.shape());
        assertArrayEquals(new int[] {7, 0, 9, 200}, l.data());
    }

    @Test
    void readsEveryElementTypeBigEndian() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16);
        assertArrayEquals(new float[] {-2, 127, -128, 0}, IdxReader.readTensor(IdxFiles.write(dir.resolve("i8"),
                IdxFiles.idx(IdxReader.SIGNED_BYTE, new int[] {2, 2}, new byte[] {-2, 127, -128, 0}))).toArray());
        b.clear().putShort((short) -300).putShort((short) 32767);
        Path shorts = IdxFiles.write(dir.resolve("i16"), IdxFiles.idx(IdxReader.SHORT, new int[] {2},
                Arrays.copyOf(b.array(), 4)));
        assertArrayEquals(new float[] {-300, 32767}, IdxReader.readTensor(shorts).toArray());
        assertArrayEquals(new int[] {256, 5}, IdxReader.readLabels(IdxFiles.write(dir.resolve("labels16"),
                IdxFiles.idx(IdxReader.SHORT, new int[] {2}, new byte[] {1, 0, 0, 5}))).data());
        b.clear().putInt(-70000).putInt(1 << 24);
        Path ints = IdxFiles.write(dir.resolve("i32"), IdxFiles.idx(IdxReader.INT, new int[] {1, 2},
                Arrays.copyOf(b.array(), 8)));
        assertArrayEquals(new float[] {-70000, 1 << 24}, IdxReader.readTensor(ints).toArray());
        assertEquals(-70000.0, IdxReader.read(ints).get(0));
        b.clear().putFloat(0.1f).putFloat(Float.NEGATIVE_INFINITY);
        Path floats = IdxFiles.write(dir.resolve("f32"), IdxFiles.idx(IdxReader.FLOAT, new int[] {2},
                Arrays.copyOf(b.array(), 8)));
        assertArrayEquals(new float[] {0.1f, Float.NEGATIVE_INFINITY}, IdxReader.readTensor(floats).toArray());
        b.clear().putDouble(0.1).putDouble(-1e300);
        Path doubles = IdxFiles.write(dir.resolve("f64"), IdxFiles.gzip(IdxFiles.idx(IdxReader.DOUBLE,
                new int[] {2}, b.array())));
        assertArrayEquals(new float[] {0.1f, Float.NEGATIVE_INFINITY}, IdxReader.readTensor(doubles).toArray());
        assertEquals(0.1, IdxReader.read(doubles).get(0));
    }

    @Test
    void imagesAndLabelsNeedTheirTypes() throws IOException {
        Path floats = IdxFiles.write(dir.resolve("fimg"), IdxFiles.idx(IdxReader.FLOAT, new int[] {1, 1, 1},
                new byte[4]));
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> IdxReader.readImages(floats));
        assertTrue(e.getMessage().contains("expected images of unsigned bytes (type code 0x08), found float32 (type "
                + "code 0x0d)"), e.getMessage());
        Path floatLabels = IdxFiles.write(dir.resolve("flab"), IdxFiles.idx(IdxReader.DOUBLE, new int[] {1},
                new byte[8]));
        e = assertThrows(MalformedDataException.class, () -> IdxReader.readLabels(floatLabels));
        assertTrue(e.getMessage().contains("expected integer labels, found float64"), e.getMessage());
        Path negative = IdxFiles.write(dir.resolve("neg"), IdxFiles.idx(IdxReader.SIGNED_BYTE, new int[] {3},
                new byte[] {1, 2, -3}));
        e = assertThrows(MalformedDataException.class, () -> IdxReader.readLabels(negative));
        assertTrue(e.getMessage().contains("label -3 at position 2 is negative"), e.getMessage());
    }

    @Test
    void rejectsWrongMagicNumber() throws IOException {
        byte[] b = IdxFiles.idx(new int[] {3, 2, 2}, PIXELS);
        b[0] = 0x50;
        b[1] = 0x4b; // a zip file's "PK"
        assertFails(dir.resolve("zip"), "not an IDX file: magic number 0x504b0803", b);
    }

    @Test
    void rejectsUnknownTypeCode() throws IOException {
        assertFails(dir.resolve("type"), "unknown IDX type code 0x0a in the magic number 0x00000a01",
                IdxFiles.idx(0x0A, new int[] {1}, new byte[4]));
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        byte[] whole = IdxFiles.idx(new int[] {3, 2, 2}, PIXELS);
        byte[] cut = Arrays.copyOf(whole, whole.length - 5);
        assertFails(dir.resolve("cut"), "truncated IDX file: header promises 12 bytes of data (dims [3, 2, 2] of "
                + "unsigned bytes), found only 7", cut);
        assertFails(dir.resolve("cut.gz"), "found only 7", IdxFiles.gzip(cut));
        assertFails(dir.resolve("cut-f64"), "header promises 16 bytes of data (dims [2] of float64), found only 12",
                IdxFiles.idx(IdxReader.DOUBLE, new int[] {2}, PIXELS));
    }

    @Test
    void rejectsTruncatedHeader() throws IOException {
        byte[] whole = IdxFiles.idx(new int[] {3, 2, 2}, PIXELS);
        assertFails(dir.resolve("head"), "truncated IDX file: the header ends early, after 9 of its 16 bytes (rank 3)",
                Arrays.copyOf(whole, 9));
        assertFails(dir.resolve("tiny"), "the header ends early, after 2 of the 4 bytes", new byte[] {0, 0});
    }

    @Test
    void rejectsCorruptGzip() throws IOException {
        byte[] gz = IdxFiles.gzip(IdxFiles.idx(new int[] {3, 2, 2}, PIXELS));
        assertFails(dir.resolve("short.gz"), "corrupt or truncated gzip data", Arrays.copyOf(gz, gz.length - 9));
        byte[] flipped = gz.clone();
        flipped[gz.length - 5] ^= 1; // the CRC-32 or length in the trailer
        assertFails(dir.resolve("crc.gz"), "corrupt or truncated gzip data", flipped);
    }

    @Test
    void rejectsAbsurdDims() throws IOException {
        assertFails(dir.resolve("neg"), "absurd IDX dims [3, -2, 2]: dimension 1 is -2, not positive",
                IdxFiles.idx(new int[] {3, -2, 2}, PIXELS));
        assertFails(dir.resolve("empty"), "absurd IDX dims [0, 28, 28]: dimension 0 is 0, not positive",
                IdxFiles.idx(new int[] {0, 28, 28}, new byte[0]));
        // a lying header must fail on its dims, before any attempt to allocate 2^60 bytes
        assertFails(dir.resolve("huge"), "absurd IDX dims [1073741824, 1073741824]: more than 536870911 values",
                IdxFiles.idx(new int[] {1 << 30, 1 << 30}, PIXELS));
        assertFails(dir.resolve("wide"), "absurd IDX dims [400000000]: 3200000000 bytes of float64, more than a Java "
                + "array holds", IdxFiles.idx(IdxReader.DOUBLE, new int[] {400_000_000}, PIXELS));
        assertFails(dir.resolve("rank0"), "absurd IDX rank 0", IdxFiles.idx(new int[0], PIXELS));
        byte[] rank200 = IdxFiles.idx(new int[] {12}, PIXELS);
        rank200[3] = (byte) 200;
        assertFails(dir.resolve("rank200"), "absurd IDX rank 200", rank200);
    }

    @Test
    void rejectsLargeButTruncatedDimsWithoutAllocatingThem() throws IOException {
        // 500 M values claimed, 12 present: reported as truncated
        assertFails(dir.resolve("big"), "header promises 500000000 bytes of data (dims [500000000] of unsigned "
                + "bytes), found only 12", IdxFiles.gzip(IdxFiles.idx(new int[] {500_000_000}, PIXELS)));
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        assertFails(dir.resolve("long"), "trailing data: 4 bytes after the 8 data bytes that dims [2, 2, 2] of "
                + "unsigned bytes imply", IdxFiles.idx(new int[] {2, 2, 2}, PIXELS));
    }

    @Test
    void imagesAndLabelsNeedTheirRank() throws IOException {
        Path labels = IdxFiles.write(dir.resolve("labels"), IdxFiles.idx(new int[] {12}, PIXELS));
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> IdxReader.readImages(labels));
        assertTrue(e.getMessage().contains("expected images [N, rows, cols] (rank 3), found rank 1"), e.getMessage());
        Path images = IdxFiles.write(dir.resolve("images"), IdxFiles.idx(new int[] {3, 2, 2}, PIXELS));
        e = assertThrows(MalformedDataException.class, () -> IdxReader.readLabels(images));
        assertTrue(e.getMessage().contains("expected labels [N] (rank 1), found rank 3"), e.getMessage());
    }

    @Test
    void contentsCheckTheirLength() {
        assertThrows(IllegalArgumentException.class, () -> new IdxReader.Contents(IdxReader.INT, new int[] {2},
                new byte[7]));
        assertThrows(IllegalArgumentException.class, () -> new IdxReader.Contents(0x0A, new int[] {1}, new byte[1]));
        assertThrows(IllegalStateException.class, () -> new IdxReader.Contents(IdxReader.SHORT, new int[] {1},
                new byte[2]).unsigned(0));
    }

    @Test
    void missingFileIsNamed() {
        Path none = dir.resolve("absent.gz");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> IdxReader.read(none));
        assertTrue(e.getMessage().contains(none.toString()), e.getMessage());
        assertThrows(NoSuchFileException.class, () -> IdxReader.read(dir));
    }
}
