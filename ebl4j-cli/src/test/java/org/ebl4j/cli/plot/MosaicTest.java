package org.ebl4j.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

/** Panels laid out row by row with gaps; titles, when a font is there, in a strip above each panel. */
class MosaicTest {
    private static BufferedImage filled(Color c) {
        BufferedImage image = new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, 30, 20);
        g.dispose();
        return image;
    }

    @Test
    void panelsGoRowByRowWithGaps() {
        BufferedImage m = new Mosaic(2, 4).add("red", filled(Color.RED)).add("green", filled(Color.GREEN))
                .add("blue", filled(Color.BLUE)).render();
        assertEquals(2 * 30 + 3 * 4, m.getWidth());
        assertEquals(2 * 20 + 3 * 4, m.getHeight());
        assertTrue(PlotPixels.is(m, 4, 4, Color.RED) && PlotPixels.is(m, 33, 23, Color.RED));
        assertTrue(PlotPixels.is(m, 38, 4, Color.GREEN));
        assertTrue(PlotPixels.is(m, 4, 28, Color.BLUE));
        assertTrue(PlotPixels.is(m, 40, 30, Color.WHITE), "no fourth panel");
        assertEquals(30 * 20, PlotPixels.count(m, Color.BLUE));
    }

    @Test
    void titlesTakeAStripAbovePanelsWhenAFontIsThere() {
        BufferedImage m = new Mosaic(2, 4).titled().add("PCA", filled(Color.RED)).add("K-means",
                filled(Color.GREEN)).render();
        int strip = Mosaic.fontAvailable() ? Mosaic.TITLE_HEIGHT : 0;
        assertEquals(20 + 2 * 4 + strip, m.getHeight());
        assertTrue(PlotPixels.is(m, 4, 4 + strip, Color.RED), "the panel sits below its title");
        assertEquals(30 * 20, PlotPixels.count(m, Color.RED), "the title does not cover the panel");
        if (strip > 0) {
            int dark = 0;
            for (int y = 4; y < 4 + strip; y++) {
                for (int x = 4; x < 34; x++) {
                    Color c = new Color(m.getRGB(x, y));
                    dark += c.getRed() + c.getGreen() + c.getBlue() < 384 ? 1 : 0;
                }
            }
            assertTrue(dark > 10, "text drawn in the title strip: " + dark + " dark pixels");
        }
    }

    @Test
    void rejectsPanelsOfAnotherSizeAndAnEmptyMosaic() {
        Mosaic m = new Mosaic(2, 0).add("a", filled(Color.RED));
        assertThrows(IllegalArgumentException.class, () -> m.add("b", new BufferedImage(5, 5,
                BufferedImage.TYPE_INT_RGB)));
        assertThrows(IllegalStateException.class, () -> new Mosaic(1, 0).render());
        assertThrows(IllegalArgumentException.class, () -> new Mosaic(0, 0));
    }
}
