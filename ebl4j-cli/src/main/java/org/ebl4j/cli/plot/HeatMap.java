package org.ebl4j.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A PNG heat map of a {@link Grid}, e.g. an energy surface E(W, Y, X) with X across and Y up: each grid cell is a
 * {@code scale}×{@code scale} block coloured by the viridis colormap (van der Walt &amp; Smith 2015, perceptually
 * uniform, lightness increasing), scaled linearly from the grid's lowest value (darkest) to its highest
 * (brightest), or over a fixed {@link #valueRange} (values outside it clamped), which lets maps of different models
 * share one scale; a flat surface is uniformly dark. Optional overlays: points (white discs, e.g. the training samples)
 * and curves (red polylines, e.g. the argmin curve), both in data coordinates.
 *
 * <p>The image carries no text; its axis ranges, the colour scale and the grid's own range are written as PNG tEXt
 * entries "x-range", "y-range", "value-range" (the values of the darkest and the brightest colour) and
 * "grid-range" (the grid's lowest and highest value), each "lo hi", with "title" when set.
 */
public final class HeatMap {
    /** Viridis at 0, 1/8, ..., 1 (the nine colours of R's viridisLite::viridis(9)), interpolated linearly. */
    private static final int[] VIRIDIS = {0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21908c, 0x27ad81, 0x5dc863,
        0xaadc32, 0xfde725};
    private static final Color POINT = Color.WHITE;
    private static final Color CURVE = new Color(0xff, 0x30, 0x30);

    private final Grid grid;
    private final int scale;
    private final List<double[][]> points = new ArrayList<>();
    private final List<double[][]> curves = new ArrayList<>();
    private String title;
    private double[] valueRange;
    private boolean grey;

    /** A map drawing each grid cell as a {@code scale}×{@code scale} pixel block (scale 1..64). */
    public HeatMap(Grid grid, int scale) {
        if (scale < 1 || scale > 64) {
            throw new IllegalArgumentException("HeatMap: scale must be in 1..64 pixels per cell, got " + scale);
        }
        this.grid = grid;
        this.scale = scale;
    }

    /** Adds points (xs[i], ys[i]) drawn as white discs. */
    public HeatMap points(double[] xs, double[] ys) {
        points.add(pair(xs, ys, "points"));
        return this;
    }

    /** Adds a curve through (xs[i], ys[i]) in order, drawn as a red polyline. */
    public HeatMap curve(double[] xs, double[] ys) {
        curves.add(pair(xs, ys, "curve"));
        return this;
    }

    /** Colours from {@code lo} (darkest) to {@code hi} (brightest) instead of the grid's own range. */
    public HeatMap valueRange(double lo, double hi) {
        if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("HeatMap.valueRange: need finite lo < hi, got [" + lo + ", " + hi
                    + "]");
        }
        valueRange = new double[] {lo, hi};
        return this;
    }

    /** The values of the darkest and the brightest colour: {@link #valueRange} or the grid's range. */
    double[] colourScale() {
        if (valueRange != null) {
            return valueRange.clone();
        }
        float[] range = grid.range();
        return new double[] {range[0], range[1]};
    }

    /** Grey levels instead of viridis: black at the lowest value, white at the highest (the lectures' figures). */
    public HeatMap greyscale() {
        grey = true;
        return this;
    }

    /** The grey of t ∈ [0, 1] (clamped), black to white, as 0xRRGGBB. */
    static int greyLevel(double t) {
        int v = (int) Math.round(Math.max(0, Math.min(1, t)) * 255);
        return (v << 16) | (v << 8) | v;
    }

    /** A title stored in the PNG metadata. */
    public HeatMap title(String text) {
        title = text;
        return this;
    }

    private static double[][] pair(double[] xs, double[] ys, String what) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("HeatMap." + what + ": " + xs.length + " x values but " + ys.length
                    + " y values");
        }
        return new double[][] {xs.clone(), ys.clone()};
    }

    public int width() {
        return grid.cols() * scale;
    }

    public int height() {
        return grid.rows() * scale;
    }

    /** The colour of t ∈ [0, 1] (clamped) on the viridis scale, as 0xRRGGBB. */
    static int viridis(double t) {
        double u = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int i = Math.min((int) u, VIRIDIS.length - 2);
        double f = u - i;
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int a = (VIRIDIS[i] >> shift) & 0xff;
            int b = (VIRIDIS[i + 1] >> shift) & 0xff;
            rgb |= (int) Math.round(a + f * (b - a)) << shift;
        }
        return rgb;
    }

    /** The picture: cells, then points and curves on top. */
    public BufferedImage render() {
        BufferedImage image = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
        double[] scaleRange = colourScale();
        double span = scaleRange[1] - scaleRange[0];
        for (int r = 0; r < grid.rows(); r++) {
            for (int c = 0; c < grid.cols(); c++) {
                float v = grid.value(r, c);
                double t = !Float.isFinite(v) ? (v > 0 ? 1 : 0) : span > 0 ? (v - scaleRange[0]) / span : 0;
                int rgb = grey ? greyLevel(t) : viridis(t);
                int top = (grid.rows() - 1 - r) * scale;
                for (int py = top; py < top + scale; py++) {
                    for (int px = c * scale; px < (c + 1) * scale; px++) {
                        image.setRGB(px, py, rgb);
                    }
                }
            }
        }
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        double radius = Math.max(1.5, scale * 0.6);
        g.setColor(POINT);
        for (double[][] p : points) {
            for (int i = 0; i < p[0].length; i++) {
                g.fill(new Ellipse2D.Double(px(p[0][i]) - radius, py(p[1][i]) - radius, 2 * radius, 2 * radius));
            }
        }
        g.setColor(CURVE);
        g.setStroke(new BasicStroke((float) Math.max(1.5, scale * 0.5)));
        for (double[][] curve : curves) {
            Path2D.Double path = new Path2D.Double();
            for (int i = 0; i < curve[0].length; i++) {
                if (i == 0) {
                    path.moveTo(px(curve[0][i]), py(curve[1][i]));
                } else {
                    path.lineTo(px(curve[0][i]), py(curve[1][i]));
                }
            }
            g.draw(path);
        }
        g.dispose();
        return image;
    }

    /** Pixel column of the data coordinate x (the centre of the cell whose column lies at x). */
    double px(double x) {
        return (x - grid.xLo()) / (grid.xHi() - grid.xLo()) * (grid.cols() - 1) * scale + scale / 2.0;
    }

    /** Pixel row of the data coordinate y (image rows grow downwards, y upwards). */
    double py(double y) {
        return (grid.rows() - 1 - (y - grid.yLo()) / (grid.yHi() - grid.yLo()) * (grid.rows() - 1)) * scale
                + scale / 2.0;
    }

    /** The metadata written as PNG tEXt entries. */
    public Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        double[] scaleRange = colourScale();
        float[] range = grid.range();
        m.put("x-range", String.format(Locale.ROOT, "%s %s", grid.xLo(), grid.xHi()));
        m.put("y-range", String.format(Locale.ROOT, "%s %s", grid.yLo(), grid.yHi()));
        m.put("value-range", String.format(Locale.ROOT, "%s %s", scaleRange[0], scaleRange[1]));
        m.put("grid-range", String.format(Locale.ROOT, "%s %s", range[0], range[1]));
        if (title != null) {
            m.put("title", title);
        }
        return m;
    }

    /** Writes the PNG, with the {@link #metadata} as tEXt entries, to {@code file} atomically. */
    public void write(Path file) throws IOException {
        Png.write(file, render(), metadata());
    }
}
