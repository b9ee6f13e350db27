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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several pictures of one size side by side, row by row, on a white background: the lectures' grids of energy
 * surfaces. The panels' names always go into the PNG metadata ("panels", in reading order); {@link #titled} also
 * writes each name above its panel, as the lectures' figures do, when the machine has a font (a headless JDK may
 * have none; the image is then drawn without the titles).
 */
public final class Mosaic {
    /** Height of the strip above each panel that holds its title. */
    public static final int TITLE_HEIGHT = 20;

    private final int columns;
    private final int gap;
    private boolean titled;
    private final List<String> names = new ArrayList<>();
    private final List<BufferedImage> panels = new ArrayList<>();

    public Mosaic(int columns, int gap) {
        if (columns < 1 || gap < 0) {
            throw new IllegalArgumentException("Mosaic: need columns >= 1 and gap >= 0, got " + columns + ", " + gap);
        }
        this.columns = columns;
        this.gap = gap;
    }

    /** Writes each panel's name above it (when a font is available); returns this. */
    public Mosaic titled() {
        this.titled = true;
        return this;
    }

    /** Adds a panel; every panel must have the size of the first. */
    public Mosaic add(String name, BufferedImage panel) {
        if (!panels.isEmpty() && (panel.getWidth() != panels.get(0).getWidth()
                || panel.getHeight() != panels.get(0).getHeight())) {
            throw new IllegalArgumentException("Mosaic: panel '" + name + "' is " + panel.getWidth() + "x"
                    + panel.getHeight() + ", the others " + panels.get(0).getWidth() + "x" + panels.get(0).getHeight());
        }
        names.add(name);
        panels.add(panel);
        return this;
    }

    public BufferedImage render() {
        if (panels.isEmpty()) {
            throw new IllegalStateException("Mosaic: no panels");
        }
        int w = panels.get(0).getWidth();
        int h = panels.get(0).getHeight();
        int strip = titled && fontAvailable() ? TITLE_HEIGHT : 0;
        int cols = Math.min(columns, panels.size());
        int rows = (panels.size() + cols - 1) / cols;
        BufferedImage image = new BufferedImage(cols * w + (cols + 1) * gap, rows * (h + strip) + (rows + 1) * gap,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        if (strip > 0) {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            g.setColor(Color.BLACK);
        }
        for (int i = 0; i < panels.size(); i++) {
            int x = gap + (i % cols) * (w + gap);
            int y = gap + (i / cols) * (h + strip + gap);
            if (strip > 0) {
                FontMetrics fm = g.getFontMetrics();
                String name = names.get(i);
                g.drawString(name, x + Math.max(0, (w - fm.stringWidth(name)) / 2), y + strip - fm.getDescent() - 3);
            }
            g.drawImage(panels.get(i), x, y + strip, null);
        }
        g.dispose();
        return image;
    }

    /** Whether Java2D can render text here (a JDK without fonts throws on first use). */
    public static boolean fontAvailable() {
        try {
            BufferedImage probe = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = probe.createGraphics();
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            g.getFontMetrics().stringWidth("A");
            g.dispose();
            return true;
        } catch (Exception | Error e) { // InternalError / UnsatisfiedLinkError from the font configuration
            return false;
        }
    }

    /** Writes the mosaic as a PNG with metadata "panels" (names in reading order) plus {@code extra}. */
    public void write(Path file, Map<String, String> extra) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>(extra);
        meta.put("panels", String.join(", ", names));
        Png.write(file, render(), meta);
    }
}
