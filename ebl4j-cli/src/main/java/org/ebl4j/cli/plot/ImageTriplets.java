package org.ebl4j.cli.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ebl4j.tensor.Tensor;

/**
 * Rows of (clean | noisy | restored) grey images on a white background, as in denoising with a learned energy
 * (e.g. a sparse code or an autoencoder restoring a corrupted image): the columns titled "clean", "noisy",
 * "restored", each row optionally captioned underneath (e.g. "PSNR 24.1 dB"). Every image is an [H, W] tensor of
 * one shape, drawn with each pixel as a {@code scale}×{@code scale} block, value v in grey level
 * round(255 clamp(v, 0, 1)) (0 black, 1 white; noise may leave [0, 1]); NaN values are rejected.
 */
public final class ImageTriplets {
    static final String[] TITLES = {"clean", "noisy", "restored"};
    static final int GAP = 4;
    static final int HEADER = 18;
    static final int CAPTION = 16;

    private final int scale;
    private final List<float[][]> rows = new ArrayList<>();
    private final List<String> captions = new ArrayList<>();
    private int height;
    private int width;

    public ImageTriplets(int scale) {
        if (scale < 1 || scale > 16) {
            throw new IllegalArgumentException("ImageTriplets: scale must be in 1..16 pixels per image pixel, got "
                    + scale);
        }
        this.scale = scale;
    }

    /** Adds a row; {@code caption} may be null (no caption). */
    public ImageTriplets add(Tensor clean, Tensor noisy, Tensor restored, String caption) {
        Tensor[] images = {clean, noisy, restored};
        if (rows.isEmpty()) {
            if (clean.dim() != 2) {
                throw new IllegalArgumentException("ImageTriplets: images must be [H, W], got clean "
                        + Arrays.toString(clean.shape()));
            }
            height = clean.shape(0);
            width = clean.shape(1);
        }
        float[][] row = new float[3][];
        for (int c = 0; c < 3; c++) {
            if (!Arrays.equals(images[c].shape(), new int[] {height, width})) {
                throw new IllegalArgumentException("ImageTriplets: row " + rows.size() + ": " + TITLES[c] + " is "
                        + Arrays.toString(images[c].shape()) + ", expected [" + height + ", " + width + "]");
            }
            row[c] = images[c].toArray();
            for (int i = 0; i < row[c].length; i++) {
                if (Float.isNaN(row[c][i])) {
                    throw new IllegalArgumentException("ImageTriplets: row " + rows.size() + ": " + TITLES[c]
                            + " has NaN at (" + i / width + ", " + i % width + ")");
                }
            }
        }
        rows.add(row);
        captions.add(caption);
        return this;
    }

    private int captionHeight() {
        return captions.stream().anyMatch(c -> c != null) ? CAPTION : 0;
    }

    /** The left edge of column {@code c}'s panels. */
    int panelX(int c) {
        return GAP + c * (width * scale + GAP);
    }

    /** The top edge of row {@code r}'s panels. */
    int panelY(int r) {
        return HEADER + GAP + r * (height * scale + captionHeight() + GAP);
    }

    public BufferedImage render() {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("ImageTriplets: no rows");
        }
        BufferedImage image = new BufferedImage(panelX(3), panelY(rows.size()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < 3; c++) {
                float[] pixels = rows.get(r)[c];
                for (int i = 0; i < pixels.length; i++) {
                    int rgb = HeatMap.greyLevel(pixels[i]);
                    int x0 = panelX(c) + (i % width) * scale;
                    int y0 = panelY(r) + (i / width) * scale;
                    for (int y = y0; y < y0 + scale; y++) {
                        for (int x = x0; x < x0 + scale; x++) {
                            image.setRGB(x, y, rgb);
                        }
                    }
                }
            }
        }
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (int c = 0; c < 3; c++) {
            g.drawString(TITLES[c], panelX(c) + (width * scale - fm.stringWidth(TITLES[c])) / 2, HEADER - 5);
        }
        for (int r = 0; r < rows.size(); r++) {
            if (captions.get(r) != null) {
                g.drawString(captions.get(r), GAP, panelY(r) + height * scale + CAPTION - 4);
            }
        }
        g.dispose();
        return image;
    }

    /** Writes the PNG, with metadata "columns" and "captions" (one per row, "-" for none) plus {@code extra}. */
    public void write(Path file, Map<String, String> extra) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>(extra);
        meta.put("columns", String.join(", ", TITLES));
        meta.put("captions", String.join(" | ", captions.stream().map(c -> c == null ? "-" : c).toList()));
        Png.write(file, render(), meta);
    }
}
