package org.ebl4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(file));
        assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
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
    void readsLabelsAsUnsignedIndices() throws IOException {
        Path f = IdxFiles.write(dir.resolve("lab"), IdxFiles.gzip(IdxFiles.idx(new int[] {4},
                new byte[] {7, 0, 9, (byte) 200})));
        Indices l = IdxReader.readLabels(f);
        assertArrayEquals(new int[] {4}, l.shape());
        assertArrayEquals(new int[] {7, 0, 9, 200}, l.data());
    }

    @Test
    void emptySetIsAllowed() throws IOException {
        Path f = IdxFiles.write(dir.resolve("empty"), IdxFiles.idx(new int[] {0, 28, 28}, new byte[0]));
        assertArrayEquals(new int[] {0, 28, 28}, IdxReader.readImages(f).shape());
    }

    @Test
    void rejectsWrongMagicNumber() throws IOException {
        byte[] b = IdxFiles.idx(new int[] {3, 2, 2}, PIXELS);
        b[0] = 0x50;
        b[1] = 0x4b; // a zip file's "PK"
        assertFails(dir.resolve("zip"), "not an IDX file: magic number 0x504b0803", b);
    }

    @Test
    void rejectsUnsupportedTypeCode() throws IOException {
        assertFails(dir.resolve("float"), "unsupported IDX type code 0x0d (float)",
                IdxFiles.idx(0x0D, new int[] {1}, new byte[4]));
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        byte[] whole = IdxFiles.idx(new int[] {3, 2, 2}, PIXELS);
        byte[] cut = Arrays.copyOf(whole, whole.length - 5);
        assertFails(dir.resolve("cut"), "truncated IDX file: dims [3, 2, 2] need 12 data bytes, found only 7", cut);
        assertFails(dir.resolve("cut.gz"), "found only 7", IdxFiles.gzip(cut));
    }

    @Test
    void rejectsTruncatedHeader() throws IOException {
        byte[] whole = IdxFiles.idx(new int[] {3, 2, 2}, PIXELS);
        assertFails(dir.resolve("head"), "header ends early", Arrays.copyOf(whole, 9));
        assertFails(dir.resolve("tiny"), "header ends early", new byte[] {0, 0});
    }

    @Test
    void rejectsAbsurdDims() throws IOException {
        assertFails(dir.resolve("neg"), "absurd IDX dims [3, -2, 2]: negative size",
                IdxFiles.idx(new int[] {3, -2, 2}, PIXELS));
        // a lying header must fail on its dims, before any attempt to allocate 2^60 bytes
        assertFails(dir.resolve("huge"), "absurd IDX dims [1073741824, 1073741824]",
                IdxFiles.idx(new int[] {1 << 30, 1 << 30}, PIXELS));
        assertFails(dir.resolve("rank0"), "absurd IDX rank 0", IdxFiles.idx(new int[0], PIXELS));
        byte[] rank200 = IdxFiles.idx(new int[] {12}, PIXELS);
        rank200[3] = (byte) 200;
        assertFails(dir.resolve("rank200"), "absurd IDX rank 200", rank200);
    }

    @Test
    void rejectsLargeButTruncatedDimsWithoutAllocatingThem() throws IOException {
        // 500 M values claimed, 12 present: reported as truncated
        assertFails(dir.resolve("big"), "need 500000000 data bytes, found only 12",
                IdxFiles.gzip(IdxFiles.idx(new int[] {500_000_000}, PIXELS)));
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        assertFails(dir.resolve("long"), "extra bytes after the 8 data bytes",
                IdxFiles.idx(new int[] {2, 2, 2}, PIXELS));
    }

    @Test
    void imagesAndLabelsNeedTheirRank() throws IOException {
        Path labels = IdxFiles.write(dir.resolve("labels"), IdxFiles.idx(new int[] {12}, PIXELS));
        IOException e = assertThrows(IOException.class, () -> IdxReader.readImages(labels));
        assertTrue(e.getMessage().contains("expected images [N, rows, cols] (rank 3), found rank 1"), e.getMessage());
        Path images = IdxFiles.write(dir.resolve("images"), IdxFiles.idx(new int[] {3, 2, 2}, PIXELS));
        e = assertThrows(IOException.class, () -> IdxReader.readLabels(images));
        assertTrue(e.getMessage().contains("expected labels [N] (rank 1), found rank 3"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path none = dir.resolve("absent.gz");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> IdxReader.read(none));
        assertTrue(e.getMessage().contains(none.toString()), e.getMessage());
        assertThrows(NoSuchFileException.class, () -> IdxReader.read(dir));
    }
}
