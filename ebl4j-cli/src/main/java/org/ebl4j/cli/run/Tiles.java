package org.ebl4j.cli.run;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.ebl4j.cli.plot.Mosaic;
import org.ebl4j.tensor.Tensor;

/**
 * Rows of a matrix [K, height·width] drawn as small greyscale pictures in a {@link Mosaic}: learned filters (each
 * scaled to its own range, black low, white high) or images (values in [0, 1]).
 */
public final class Tiles {
    private Tiles() {
    }

    /**
     * Writes the first {@code count} rows as a mosaic PNG of {@code columns} columns, each pixel drawn as a
     * {@code scale}×{@code scale} square; {@code ownRange} scales every row to its minimum and maximum.
     */
    public static void write(Path file, Tensor rows, int count, int height, int width, int scale, boolean ownRange,
                             Map<String, String> metadata) throws IOException {
        int k = Math.min(count, rows.shape(0));
        if (rows.dim() != 2 || rows.shape(1) != height * width || k < 1) {
            throw new IllegalArgumentException("Tiles: need rows [K >= 1, " + height * width + "], got "
                    + java.util.Arrays.toString(rows.shape()));
        }
        float[] v = rows.contiguous().toArray();
        int d = height * width;
        Mosaic mosaic = new Mosaic((int) Math.ceil(Math.sqrt(k)), 2);
        for (int r = 0; r < k; r++) {
            float lo = 0;
            float hi = 1;
            if (ownRange) {
                lo = Float.POSITIVE_INFINITY;
                hi = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < d; i++) {
                    lo = Math.min(lo, v[r * d + i]);
                    hi = Math.max(hi, v[r * d + i]);
                }
            }
            BufferedImage image = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < height * scale; y++) {
                for (int x = 0; x < width * scale; x++) {
                    float value = v[r * d + (y / scale) * width + x / scale];
                    int g = Math.round(255 * Math.max(0, Math.min(1, hi > lo ? (value - lo) / (hi - lo) : 0.5f)));
                    image.setRGB(x, y, (g << 16) | (g << 8) | g);
                }
            }
            mosaic.add(Integer.toString(r), image);
        }
        mosaic.write(file, metadata);
    }
}
