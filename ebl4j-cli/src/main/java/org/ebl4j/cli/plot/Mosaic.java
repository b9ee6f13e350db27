package org.ebl4j.cli.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several pictures of one size side by side, row by row, on a white background: the lectures' grids of energy
 * surfaces. Text needs fonts a headless machine may lack, so the panels' names go into the PNG metadata
 * ("panels", in reading order) rather than onto the image.
 */
public final class Mosaic {
    private final int columns;
    private final int gap;
    private final List<String> names = new ArrayList<>();
    private final List<BufferedImage> panels = new ArrayList<>();

    public Mosaic(int columns, int gap) {
        if (columns < 1 || gap < 0) {
            throw new IllegalArgumentException("Mosaic: need columns >= 1 and gap >= 0, got " + columns + ", " + gap);
        }
        this.columns = columns;
        this.gap = gap;
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
        int cols = Math.min(columns, panels.size());
        int rows = (panels.size() + cols - 1) / cols;
        BufferedImage image = new BufferedImage(cols * w + (cols + 1) * gap, rows * h + (rows + 1) * gap,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < panels.size(); i++) {
            g.drawImage(panels.get(i), gap + (i % cols) * (w + gap), gap + (i / cols) * (h + gap), null);
        }
        g.dispose();
        return image;
    }

    /** Writes the mosaic as a PNG with metadata "panels" (names in reading order) plus {@code extra}. */
    public void write(Path file, Map<String, String> extra) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>(extra);
        meta.put("panels", String.join(", ", names));
        Png.write(file, render(), meta);
    }
}
