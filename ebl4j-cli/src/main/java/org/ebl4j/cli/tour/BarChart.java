package org.ebl4j.cli.tour;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ebl4j.cli.plot.Png;

/**
 * A PNG of horizontal bars, one per value, top to bottom, on a fixed scale [0, max] with a light grid line every
 * tenth of it (darker at the half and the end); a bar can be marked (red instead of blue), e.g. a loss expected to
 * fail. Like the other plots it carries no text (a headless machine may lack fonts): the bars' names, values and the
 * scale go into the PNG metadata ("bars", "values", "x-range"), and the page showing it names them.
 */
final class BarChart {
    private static final int WIDTH = 480;
    private static final int BAR = 22;
    private static final int GAP = 8;
    private static final Color PLAIN = new Color(0x3b528b);
    private static final Color MARKED = new Color(0xd03030);

    private final double max;
    private final List<String> names = new ArrayList<>();
    private final List<Double> values = new ArrayList<>();
    private final List<Boolean> marked = new ArrayList<>();

    /** A chart whose bars span [0, max] (max &gt; 0, finite). */
    BarChart(double max) {
        if (!(max > 0) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("BarChart: need a finite max > 0, got " + max);
        }
        this.max = max;
    }

    /** Adds a bar of length {@code value} (clamped to [0, max]; NaN draws none), red when {@code mark}. */
    BarChart bar(String name, double value, boolean mark) {
        names.add(name);
        values.add(value);
        marked.add(mark);
        return this;
    }

    BufferedImage render() {
        if (names.isEmpty()) {
            throw new IllegalStateException("BarChart: no bars");
        }
        int height = names.size() * (BAR + GAP) + GAP;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        for (int tick = 0; tick <= 10; tick++) {
            g.setColor(tick % 5 == 0 ? new Color(0x888888) : new Color(0xdddddd));
            int x = (int) Math.round(tick / 10.0 * (WIDTH - 1));
            g.drawLine(x, 0, x, height - 1);
        }
        for (int i = 0; i < names.size(); i++) {
            double v = values.get(i);
            int length = Double.isNaN(v) ? 0 : (int) Math.round(Math.max(0, Math.min(max, v)) / max * (WIDTH - 1));
            g.setColor(marked.get(i) ? MARKED : PLAIN);
            g.fillRect(0, GAP + i * (BAR + GAP), length, BAR);
        }
        g.dispose();
        return image;
    }

    /** Writes the PNG with the bars' names and values and the scale as metadata. */
    void write(Path file) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("bars", String.join(", ", names));
        meta.put("values", String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%s", v)).toList()));
        meta.put("x-range", String.format(Locale.ROOT, "0 %s", max));
        Png.write(file, render(), meta);
    }
}
