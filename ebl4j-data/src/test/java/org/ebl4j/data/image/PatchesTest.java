package org.ebl4j.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PatchesTest {
    /** An image whose pixel (y, x) is base + 100 y + x, so every patch says where it came from. */
    private static Tensor ramp(int h, int w, int base) {
        float[] v = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[y * w + x] = base + 100 * y + x;
            }
        }
        return Tensor.of(v, h, w);
    }

    /** The patch of {@code image} with top-left corner (y, x), brute force. */
    private static float[] patch(Tensor image, int y, int x, int p) {
        float[] out = new float[p * p];
        for (int r = 0; r < p; r++) {
            for (int c = 0; c < p; c++) {
                out[r * p + c] = image.get(y + r, x + c);
            }
        }
        return out;
    }

    private static float[] row(Tensor m, int i) {
        return m.slice(0, i, i + 1).toArray();
    }

    @Test
    void gridTakesEveryStridedPositionThatFits() {
        Tensor a = ramp(7, 9, 0);
        Tensor b = ramp(5, 5, 10_000);
        Tensor patches = Patches.grid(List.of(a, b), 3, 2);
        // a: rows 0, 2, 4 x columns 0, 2, 4, 6 = 12 patches; b: rows 0, 2 x columns 0, 2 = 4
        assertArrayEquals(new int[] {16, 9}, patches.shape());
        int n = 0;
        for (int y = 0; y <= 4; y += 2) {
            for (int x = 0; x <= 6; x += 2) {
                assertArrayEquals(patch(a, y, x, 3), row(patches, n++));
            }
        }
        for (int y = 0; y <= 2; y += 2) {
            for (int x = 0; x <= 2; x += 2) {
                assertArrayEquals(patch(b, y, x, 3), row(patches, n++));
            }
        }
        assertArrayEquals(new int[] {4, 1}, Patches.grid(List.of(ramp(2, 2, 0)), 1, 1).shape());
    }

    @Test
    void randomPatchesAreRealPatchesDrawnUniformlyOverPositions() {
        Tensor small = ramp(4, 4, 0); // 2 x 2 = 4 positions of a 3 x 3 patch
        Tensor large = ramp(6, 8, 10_000); // 4 x 6 = 24 positions
        int count = 7000;
        Tensor patches = Patches.random(List.of(small, large), 3, count, new Rng(5));
        assertArrayEquals(new int[] {count, 9}, patches.shape());
        assertArrayEquals(patches.toArray(), Patches.random(List.of(small, large), 3, count, new Rng(5)).toArray());
        int[] hits = new int[28];
        float[] v = patches.toArray();
        for (int n = 0; n < count; n++) {
            float corner = v[n * 9];
            boolean fromLarge = corner >= 10_000;
            int y = (int) ((corner - (fromLarge ? 10_000 : 0)) / 100);
            int x = (int) (corner - (fromLarge ? 10_000 : 0) - 100 * y);
            Tensor image = fromLarge ? large : small;
            assertArrayEquals(patch(image, y, x, 3), Arrays.copyOfRange(v, n * 9, n * 9 + 9));
            hits[fromLarge ? 4 + y * 6 + x : y * 2 + x]++;
        }
        // uniform over the 28 positions: each count ~ Binomial(7000, 1/28), mean 250, sd 15.5
        for (int h : hits) {
            assertTrue(Math.abs(h - 250) < 70, Arrays.toString(hits));
        }
    }

    @Test
    void removeMeanGivesZeroMeanRowsAndContrastNormalisationUnitStd() {
        Tensor x = new Rng(2).normal(0.5f, 0.2f, 50, 16).mul(Tensor.arange(50).add(1).reshape(50, 1));
        Tensor centred = Patches.removeMean(x);
        float[] means = centred.mean(1, false).toArray();
        for (float m : means) {
            assertEquals(0, m, 1e-4);
        }
        assertArrayEquals(x.sub(centred).slice(1, 0, 1).toArray(), x.mean(1, true).toArray(), 1e-4f);
        Tensor unit = Patches.normaliseContrast(centred, 0);
        float[] std = unit.square().mean(1, false).sqrt().toArray();
        for (float s : std) {
            assertEquals(1, s, 1e-4);
        }
        // with ε: a row of standard deviation s is scaled by 1 / (s + ε)
        Tensor damped = Patches.normaliseContrast(centred, 0.5);
        float[] sRaw = centred.square().mean(1, false).sqrt().toArray();
        float[] sDamped = damped.square().mean(1, false).sqrt().toArray();
        for (int i = 0; i < sRaw.length; i++) {
            assertEquals(sRaw[i] / (sRaw[i] + 0.5), sDamped[i], 1e-4);
        }
    }

    @Test
    void badArgumentsAreRejectedWithMessages() {
        List<Tensor> images = List.of(ramp(5, 6, 0));
        Rng rng = new Rng(1);
        assertEquals("Patches.random: patch size must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> Patches.random(images, 0, 3, rng)).getMessage());
        assertEquals("Patches.grid: image 0 of [5, 6] is smaller than a 6 x 6 patch",
                assertThrows(IllegalArgumentException.class, () -> Patches.grid(images, 6, 1)).getMessage());
        assertEquals("Patches.grid: stride must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> Patches.grid(images, 2, 0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Patches.random(images, 2, 0, rng))
                .getMessage().startsWith("Patches.random: count must be in [1, "));
        assertEquals("Patches.random: need at least one image",
                assertThrows(IllegalArgumentException.class, () -> Patches.random(List.of(), 2, 3, rng)).getMessage());
        assertEquals("Patches.grid: image 0 must be a grey image [H, W], got [3, 5, 6]",
                assertThrows(IllegalArgumentException.class,
                        () -> Patches.grid(List.of(Tensor.zeros(3, 5, 6)), 2, 1)).getMessage());
        assertEquals("Patches.removeMean: patches must be a matrix [N, d], got [4]",
                assertThrows(IllegalArgumentException.class, () -> Patches.removeMean(Tensor.zeros(4))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Patches.normaliseContrast(Tensor.zeros(2, 2), -1)).getMessage().contains("epsilon"));
    }
}
