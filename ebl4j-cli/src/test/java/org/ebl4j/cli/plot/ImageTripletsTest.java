package org.ebl4j.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import javax.imageio.ImageIO;

import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTripletsTest {
    private static final int H = 3;
    private static final int W = 4;
    private static final int SCALE = 2;

    @TempDir
    Path dir;

    private static float[] image(int seed) {
        float[] v = new float[H * W];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((i * 7 + seed * 5) % 13) / 10f - 0.1f; // -0.1 .. 1.1: some values need clamping
        }
        return v;
    }

    /** Dark pixels (grey level below 128) in the rectangle [x0, x1) × [y0, y1). */
    private static int dark(BufferedImage image, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                n += (image.getRGB(x, y) & 0xff) < 128 ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void panelsHoldTheImagesPixelForPixel() throws IOException {
        ImageTriplets t = new ImageTriplets(SCALE);
        float[][][] rows = {{image(0), image(1), image(2)}, {image(3), image(4), image(5)}};
        t.add(Tensor.of(rows[0][0], H, W), Tensor.of(rows[0][1], H, W), Tensor.of(rows[0][2], H, W), "PSNR 20.0 dB");
        t.add(Tensor.of(rows[1][0], H, W), Tensor.of(rows[1][1], H, W), Tensor.of(rows[1][2], H, W), null);
        Path file = dir.resolve("triplets.png");
        t.write(file, Map.of("title", "denoising"));
        BufferedImage image = ImageIO.read(file.toFile());
        // 3 panels of 8 px and 4 gaps across; header 18, then per row gap 4 + 6 px + caption 16, and a last gap
        assertEquals(3 * W * SCALE + 4 * ImageTriplets.GAP, image.getWidth());
        assertEquals(ImageTriplets.HEADER + 2 * (H * SCALE + ImageTriplets.CAPTION + ImageTriplets.GAP)
                + ImageTriplets.GAP, image.getHeight());
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < H * W; i++) {
                    int expected = (int) Math.round(Math.max(0, Math.min(1, (double) rows[r][c][i])) * 255);
                    for (int d = 0; d < SCALE * SCALE; d++) {
                        int x = t.panelX(c) + (i % W) * SCALE + d % SCALE;
                        int y = t.panelY(r) + (i / W) * SCALE + d / SCALE;
                        assertEquals(expected * 0x010101, image.getRGB(x, y) & 0xffffff,
                                "row " + r + ", column " + c + ", pixel " + i);
                    }
                }
            }
        }
        assertTrue(dark(image, 0, 0, image.getWidth(), ImageTriplets.HEADER) > 10, "column titles");
        int caption0 = t.panelY(0) + H * SCALE;
        int caption1 = t.panelY(1) + H * SCALE;
        assertTrue(dark(image, 0, caption0, image.getWidth(), caption0 + ImageTriplets.CAPTION) > 10, "caption");
        assertEquals(0, dark(image, 0, caption1, image.getWidth(), caption1 + ImageTriplets.CAPTION), "no caption");
    }

    @Test
    void badImagesAreRejectedByName() {
        Tensor a = Tensor.of(image(0), H, W);
        ImageTriplets t = new ImageTriplets(1);
        assertThrows(IllegalArgumentException.class, t::render, "no rows");
        assertEquals("ImageTriplets: images must be [H, W], got clean [12]", assertThrows(
                IllegalArgumentException.class, () -> t.add(Tensor.of(image(0), H * W), a, a, null)).getMessage());
        assertEquals("ImageTriplets: row 0: restored is [4, 3], expected [3, 4]", assertThrows(
                IllegalArgumentException.class, () -> t.add(a, a, Tensor.of(image(0), W, H), null)).getMessage());
        float[] nan = image(0);
        nan[5] = Float.NaN;
        assertEquals("ImageTriplets: row 0: noisy has NaN at (1, 1)", assertThrows(IllegalArgumentException.class,
                () -> t.add(a, Tensor.of(nan, H, W), a, null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ImageTriplets(0));
    }
}
