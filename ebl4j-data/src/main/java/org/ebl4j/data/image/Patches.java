package org.ebl4j.data.image;

import java.util.List;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * Square p x p patches of grey images [H, W], flattened row by row into the rows of a matrix [N, p·p]: the data of
 * sparse coding on natural image patches (Olshausen &amp; Field 1996; LeCun's lecture: 12x12 patches, 256 atoms).
 * Patches are taken {@link #random at random} (uniform over every position of every image, with replacement) or
 * on a {@link #grid regular grid}. The usual per-patch preprocessing: {@link #removeMean} (the DC component) and
 * {@link #normaliseContrast} (divide by the patch's standard deviation + ε); whitening across patches is
 * {@link Whitening}.
 */
public final class Patches {
    private Patches() {
    }

    /**
     * {@code count} patches of {@code size} x {@code size}, each at a position drawn uniformly among all the
     * (H − p + 1)(W − p + 1) positions of all the images (so larger images give more patches), with replacement.
     */
    public static Tensor random(List<Tensor> images, int size, int count, Rng rng) {
        long[] cumulative = positions(images, size, "Patches.random");
        if (count < 1 || (long) count * size * size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Patches.random: count must be in [1, "
                    + Integer.MAX_VALUE / (size * size) + "] for " + size + " x " + size + " patches, got " + count);
        }
        if (rng == null) {
            throw new IllegalArgumentException("Patches.random: rng must not be null");
        }
        long total = cumulative[cumulative.length - 1];
        float[][] pixels = pixels(images);
        float[] out = new float[count * size * size];
        for (int n = 0; n < count; n++) {
            long at = (long) (rng.nextDouble() * total);
            int i = 0;
            while (cumulative[i + 1] <= at) {
                i++;
            }
            long offset = at - cumulative[i];
            int across = images.get(i).shape(1) - size + 1;
            copy(pixels[i], images.get(i).shape(1), (int) (offset / across), (int) (offset % across), size, out, n);
        }
        return Tensor.of(out, count, size * size);
    }

    /**
     * Every patch of {@code size} x {@code size} whose top-left corner is at a multiple of {@code stride} in both
     * directions and that fits in its image, image by image, rows of positions top to bottom.
     */
    public static Tensor grid(List<Tensor> images, int size, int stride) {
        positions(images, size, "Patches.grid");
        if (stride < 1) {
            throw new IllegalArgumentException("Patches.grid: stride must be >= 1, got " + stride);
        }
        int count = 0;
        for (Tensor image : images) {
            count += ((image.shape(0) - size) / stride + 1) * ((image.shape(1) - size) / stride + 1);
        }
        float[][] pixels = pixels(images);
        float[] out = new float[count * size * size];
        int n = 0;
        for (int i = 0; i < images.size(); i++) {
            int h = images.get(i).shape(0);
            int w = images.get(i).shape(1);
            for (int y = 0; y + size <= h; y += stride) {
                for (int x = 0; x + size <= w; x += stride) {
                    copy(pixels[i], w, y, x, size, out, n++);
                }
            }
        }
        return Tensor.of(out, count, size * size);
    }

    /** Each row minus its own mean: patches [N, d] with the DC component removed. */
    public static Tensor removeMean(Tensor patches) {
        check(patches, "Patches.removeMean");
        return patches.sub(patches.mean(1, true));
    }

    /**
     * Each row divided by its standard deviation (about its mean, divisor d) plus {@code epsilon} ≥ 0, which keeps
     * flat patches from being blown up to unit contrast.
     */
    public static Tensor normaliseContrast(Tensor patches, double epsilon) {
        check(patches, "Patches.normaliseContrast");
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("Patches.normaliseContrast: epsilon must be a finite number >= 0, got "
                    + epsilon);
        }
        Tensor centred = patches.sub(patches.mean(1, true));
        Tensor std = centred.square().mean(1, true).sqrt();
        return patches.div(std.add((float) epsilon));
    }

    /** Cumulative position counts per image (first 0), after checking images, size and that every patch fits. */
    private static long[] positions(List<Tensor> images, int size, String who) {
        if (images == null || images.isEmpty()) {
            throw new IllegalArgumentException(who + ": need at least one image");
        }
        if (size < 1) {
            throw new IllegalArgumentException(who + ": patch size must be >= 1, got " + size);
        }
        long[] cumulative = new long[images.size() + 1];
        for (int i = 0; i < images.size(); i++) {
            Tensor image = images.get(i);
            if (image == null || image.dim() != 2) {
                throw new IllegalArgumentException(who + ": image " + i + " must be a grey image [H, W], got "
                        + (image == null ? "null" : Shape.str(image.shape())));
            }
            if (image.shape(0) < size || image.shape(1) < size) {
                throw new IllegalArgumentException(who + ": image " + i + " of " + Shape.str(image.shape())
                        + " is smaller than a " + size + " x " + size + " patch");
            }
            cumulative[i + 1] = cumulative[i] + (long) (image.shape(0) - size + 1) * (image.shape(1) - size + 1);
        }
        return cumulative;
    }

    private static float[][] pixels(List<Tensor> images) {
        float[][] out = new float[images.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = images.get(i).toArray();
        }
        return out;
    }

    /** Copies the patch with top-left corner (y, x) of an image of width w into row n of out. */
    private static void copy(float[] image, int w, int y, int x, int size, float[] out, int n) {
        for (int r = 0; r < size; r++) {
            System.arraycopy(image, (y + r) * w + x, out, (n * size + r) * size, size);
        }
    }

    private static void check(Tensor patches, String who) {
        if (patches == null || patches.dim() != 2 || patches.shape(1) < 1) {
            throw new IllegalArgumentException(who + ": patches must be a matrix [N, d], got "
                    + (patches == null ? "null" : Shape.str(patches.shape())));
        }
    }
}
