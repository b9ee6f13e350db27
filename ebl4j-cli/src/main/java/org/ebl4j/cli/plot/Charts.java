package org.ebl4j.cli.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * What the XChart figures ({@link LearningCurves}, {@link Embedding2D}) share: headless rendering (no display
 * needed, as on CI), a white style, the Tableau 10 palette (series or label i drawn in {@link #colour}(i mod 10)),
 * and PNG output through {@link Png} with tEXt metadata.
 */
final class Charts {
    /** Tableau 10: distinct hues that stay apart for the colour-blind and on grey print. */
    private static final int[] TABLEAU_10 = {0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f, 0xedc948, 0xb07aa1,
        0xff9da7, 0x9c755f, 0xbab0ac};

    private Charts() {
    }

    /** The colour of series or label {@code i} (i >= 0). */
    static Color colour(int i) {
        return new Color(TABLEAU_10[Math.floorMod(i, TABLEAU_10.length)]);
    }

    /** Rejects sizes outside 64..4096 pixels. */
    static void checkSize(String who, int width, int height) {
        if (width < 64 || height < 64 || width > 4096 || height > 4096) {
            throw new IllegalArgumentException(who + ": width and height must be in 64..4096 pixels, got " + width
                    + "x" + height);
        }
    }

    /** White background, no plot border, the legend inside the top right corner. */
    static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setLegendBorderColor(Color.LIGHT_GRAY);
    }

    /** Renders {@code chart} without a display and writes it as a PNG with {@code metadata} to {@code file}. */
    static void write(Path file, XYChart chart, Map<String, String> metadata) throws IOException {
        Png.write(file, render(chart), metadata);
    }

    /** Renders {@code chart} without a display. */
    static BufferedImage render(XYChart chart) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        return BitmapEncoder.getBufferedImage(chart);
    }
}
