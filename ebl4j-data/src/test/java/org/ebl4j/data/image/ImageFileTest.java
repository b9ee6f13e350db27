package org.ebl4j.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.ebl4j.data.MalformedDataException;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFileTest {
    private static final int W = 7;
    private static final int H = 5;

    @TempDir
    Path dir;

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            assertTrue(ImageIO.write(image, format, out), "no " + format + " writer");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Pixel (x, y) of the test pattern, a byte value. */
    private static int level(int x, int y, int shift) {
        return (37 * x + 53 * y + shift) % 256;
    }

    private static BufferedImage greyImage() {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                image.getRaster().setSample(x, y, 0, level(x, y, 0));
            }
        }
        return image;
    }

    private static BufferedImage colourImage() {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                image.setRGB(x, y, level(x, y, 0) << 16 | level(x, y, 90) << 8 | level(x, y, 170));
            }
        }
        return image;
    }

    private static IllegalArgumentException rejected(byte[] bytes, String source) {
        return assertThrows(IllegalArgumentException.class, () -> ImageFile.grey(bytes, source));
    }

    @Test
    void greyPngKeepsItsSamples() {
        Tensor grey = ImageFile.grey(encode(greyImage(), "png"), "grey.png");
        assertArrayEquals(new int[] {H, W}, grey.shape());
        Tensor colour = ImageFile.colour(encode(greyImage(), "png"), "grey.png");
        assertArrayEquals(new int[] {3, H, W}, colour.shape());
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                assertEquals(level(x, y, 0) / 255f, grey.get(y, x), 1e-7f);
                for (int c = 0; c < 3; c++) {
                    assertEquals(grey.get(y, x), colour.get(c, y, x), 0f);
                }
            }
        }
    }

    @Test
    void sixteenBitGreyPngIsScaledByItsDepth() {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setSample(3, 2, 0, 65535);
        image.getRaster().setSample(4, 2, 0, 1000);
        Tensor grey = ImageFile.grey(encode(image, "png"), "deep.png");
        assertEquals(1f, grey.get(2, 3), 0f);
        assertEquals(1000 / 65535f, grey.get(2, 4), 1e-7f);
        assertEquals(0f, grey.get(0, 0), 0f);
    }

    @Test
    void colourPngGivesPlanesAndRec601Luma() {
        byte[] png = encode(colourImage(), "png");
        Tensor colour = ImageFile.colour(png, "colour.png");
        Tensor grey = ImageFile.grey(png, "colour.png");
        assertArrayEquals(new int[] {3, H, W}, colour.shape());
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                float r = level(x, y, 0) / 255f;
                float g = level(x, y, 90) / 255f;
                float b = level(x, y, 170) / 255f;
                assertEquals(r, colour.get(0, y, x), 1e-7f);
                assertEquals(g, colour.get(1, y, x), 1e-7f);
                assertEquals(b, colour.get(2, y, x), 1e-7f);
                assertEquals(0.299f * r + 0.587f * g + 0.114f * b, grey.get(y, x), 1e-6f);
            }
        }
    }

    @Test
    void palettePngIsReadThroughItsPalette() {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_BINARY);
        image.setRGB(2, 1, 0xffffff);
        Tensor grey = ImageFile.grey(encode(image, "png"), "binary.png");
        assertEquals(1f, grey.get(1, 2), 1e-6f);
        assertEquals(0f, grey.get(1, 3), 0f);
    }

    @Test
    void jpegOfAFlatColourDecodesCloseToIt() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                image.setRGB(x, y, 200 << 16 | 100 << 8 | 50);
            }
        }
        byte[] jpeg = encode(image, "jpeg");
        Tensor colour = ImageFile.colour(jpeg, "flat.jpg");
        float[] expected = {200 / 255f, 100 / 255f, 50 / 255f};
        for (int c = 0; c < 3; c++) {
            for (float v : colour.slice(0, c, c + 1).toArray()) {
                assertEquals(expected[c], v, 3 / 255f, "channel " + c);
            }
        }
        float luma = 0.299f * expected[0] + 0.587f * expected[1] + 0.114f * expected[2];
        for (float v : ImageFile.grey(jpeg, "flat.jpg").toArray()) {
            assertEquals(luma, v, 3 / 255f);
        }
    }

    @Test
    void readsFilesAndListsAFolder() throws IOException {
        Files.write(dir.resolve("b.png"), encode(greyImage(), "png"));
        Files.write(dir.resolve("a.JPG"), encode(colourImage(), "jpeg"));
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        Files.createDirectory(dir.resolve("c.png"));
        List<Path> files = ImageFile.list(dir);
        assertEquals(List.of(dir.resolve("a.JPG"), dir.resolve("b.png")), files);
        assertArrayEquals(new int[] {H, W}, ImageFile.grey(files.get(1)).shape());
        assertArrayEquals(new int[] {3, H, W}, ImageFile.colour(files.get(0)).shape());
        assertThrows(NoSuchFileException.class, () -> ImageFile.grey(dir.resolve("missing.png")));
        assertThrows(NoSuchFileException.class, () -> ImageFile.list(dir.resolve("missing")));
        Path text = dir.resolve("notes.txt");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageFile.grey(text));
        assertEquals(text + ": not a PNG or JPEG image (it starts with bytes 6e 6f 74 20 61 6e 20 69)",
                e.getMessage());
    }

    @Test
    void bundledCropIsAGrey256Square() throws IOException {
        Tensor crop = ImageFile.bundled();
        assertArrayEquals(new int[] {256, 256}, crop.shape());
        float[] v = crop.toArray();
        float lo = 1;
        float hi = 0;
        for (float p : v) {
            lo = Math.min(lo, p);
            hi = Math.max(hi, p);
        }
        assertTrue(lo >= 0 && hi <= 1 && hi - lo > 0.5f, "range " + lo + ".." + hi);
    }

    @Test
    void malformedBytesAreRejectedWithTheSourceAndTheProblem() {
        assertEquals("x.png: empty file, not an image", rejected(new byte[0], "x.png").getMessage());
        assertTrue(rejected("GIF89a....".getBytes(), "x.gif").getMessage().startsWith(
                "x.gif: not a PNG or JPEG image (it starts with bytes 47 49 46 38 39 61 2e 2e)"));
        byte[] png = encode(colourImage(), "png");
        for (int cut : new int[] {8, 20, 40, png.length / 2, png.length - 1}) {
            String message = rejected(Arrays.copyOf(png, cut), "cut.png").getMessage();
            assertTrue(message.startsWith("cut.png: truncated PNG data ("), cut + " bytes: " + message);
        }
        assertEquals("cut.png: truncated PNG data (the file ends at byte " + (png.length - 12)
                + ", before the IEND chunk)", rejected(Arrays.copyOf(png, png.length - 12), "cut.png").getMessage());
        byte[] flipped = png.clone();
        flipped[png.length - 20] ^= 1; // inside the last IDAT chunk
        assertTrue(rejected(flipped, "flip.png").getMessage().matches(
                "flip\\.png: corrupt PNG data \\(bad CRC of chunk IDAT at byte \\d+\\)"));
        BufferedImage noise = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(3);
        for (int i = 0; i < 64 * 64; i++) {
            noise.setRGB(i % 64, i / 64, random.nextInt());
        }
        for (byte[] jpeg : new byte[][] {encode(colourImage(), "jpeg"), encode(noise, "jpeg")}) {
            for (int cut : new int[] {jpeg.length / 3, jpeg.length * 2 / 3, jpeg.length - 1}) {
                String message = rejected(Arrays.copyOf(jpeg, cut), "cut.jpg").getMessage();
                assertTrue(message.startsWith("cut.jpg: truncated JPEG data (the file ends early, at byte " + cut
                        + " without the end-of-image marker FF D9: "), message);
            }
            byte[] broken = jpeg.clone();
            broken[4] = 0;
            broken[5] = 0; // the JFIF segment length 0 (less than its own 2 bytes)
            String m = rejected(broken, "broken.jpg").getMessage();
            assertTrue(m.startsWith("broken.jpg: corrupt JPEG data ("), m);
        }
    }

    @Test
    void aHugeHeaderIsRejectedBeforeDecoding() {
        byte[] png = encode(greyImage(), "png");
        // IHDR data starts at byte 16: width, height (big-endian), then its CRC over type + data at byte 29
        ByteBuffer b = ByteBuffer.wrap(png);
        b.putInt(16, 100_000).putInt(20, 100_000);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        b.putInt(29, (int) crc.getValue());
        assertEquals("huge.png: the PNG header gives a 100000 x 100000 image (need 1 to 33554432 pixels)",
                rejected(png, "huge.png").getMessage());
    }

    /**
     * 2,000 seeded malformed inputs (random bytes, random bytes behind a PNG or JPEG signature, valid files with
     * bytes overwritten, truncated or inserted): each decodes to an image in [0, 1] or throws a
     * MalformedDataException (an IllegalArgumentException) naming the source; nothing else escapes, not even an
     * Error.
     */
    @Test
    void fuzzedInputsDecodeOrFailCleanly() {
        Random random = new Random(20240517L);
        byte[][] valid = {encode(greyImage(), "png"), encode(colourImage(), "png"), encode(colourImage(), "jpeg"),
            encode(greyImage(), "jpeg")};
        int rejectedCount = 0;
        for (int t = 0; t < 2000; t++) {
            byte[] bytes = mutant(random, valid, t % 5);
            String source = "fuzz-" + t;
            try {
                Tensor image = t % 2 == 0 ? ImageFile.grey(bytes, source) : ImageFile.colour(bytes, source);
                for (float v : image.toArray()) {
                    if (!(v >= 0 && v <= 1)) {
                        fail(source + ": decoded value " + v + " outside [0, 1]");
                    }
                }
            } catch (IllegalArgumentException e) {
                rejectedCount++;
                assertTrue(e instanceof MalformedDataException && e.getMessage().startsWith(source + ": "),
                        e.toString());
            }
        }
        assertTrue(rejectedCount > 1000, "only " + rejectedCount + " of 2000 inputs rejected");
    }

    private static byte[] mutant(Random random, byte[][] valid, int kind) {
        byte[] base = valid[random.nextInt(valid.length)];
        switch (kind) {
            case 0: { // random bytes
                byte[] b = new byte[1 + random.nextInt(200)];
                random.nextBytes(b);
                return b;
            }
            case 1: { // a signature, then random bytes
                byte[] b = new byte[8 + random.nextInt(300)];
                random.nextBytes(b);
                System.arraycopy(base, 0, b, 0, 8);
                return b;
            }
            case 2: { // a few bytes overwritten
                byte[] b = base.clone();
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                return b;
            }
            case 3: // truncated
                return Arrays.copyOf(base, random.nextInt(base.length));
            default: { // a random run inserted
                int at = random.nextInt(base.length);
                byte[] run = new byte[1 + random.nextInt(16)];
                random.nextBytes(run);
                byte[] b = new byte[base.length + run.length];
                System.arraycopy(base, 0, b, 0, at);
                System.arraycopy(run, 0, b, at, run.length);
                System.arraycopy(base, at, b, at + run.length, base.length - at);
                return b;
            }
        }
    }
}
