package org.ebl4j.cli.tour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import javax.imageio.ImageIO;
import javax.imageio.metadata.IIOMetadataNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarChartTest {
    @TempDir
    Path dir;

    @Test
    void barsSpanTheirFractionOfTheWidthAndMarkedBarsAreRed() throws Exception {
        BarChart chart = new BarChart(2).bar("half", 1.0, false).bar("full", 5.0, true).bar("none", -1, false);
        BufferedImage image = chart.render();
        int w = image.getWidth();
        int row0 = 8 + 11;
        int row1 = 8 + 30 + 11;
        int row2 = 8 + 60 + 11;
        assertEquals(0x3b528b, image.getRGB(w / 2 - 3, row0) & 0xffffff, "half bar up to the middle");
        assertEquals(0xffffff, image.getRGB(w / 2 + 12, row0) & 0xffffff, "and no further");
        assertEquals(0xd03030, image.getRGB(w - 2, row1) & 0xffffff, "clamped to the full width, red");
        assertEquals(0xffffff, image.getRGB(3, row2) & 0xffffff, "negative value: no bar");
        assertEquals(3 * 30 + 8, image.getHeight());

        Path png = dir.resolve("chart.png");
        chart.write(png);
        var reader = ImageIO.getImageReadersByFormatName("png").next();
        try (var in = ImageIO.createImageInputStream(png.toFile())) {
            reader.setInput(in);
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            var entries = root.getElementsByTagName("tEXtEntry");
            assertEquals("bars", ((IIOMetadataNode) entries.item(0)).getAttribute("keyword"));
            assertEquals("half, full, none", ((IIOMetadataNode) entries.item(0)).getAttribute("value"));
        } finally {
            reader.dispose();
        }
    }

    @Test
    void rejectsABadScaleAndAnEmptyChart() {
        assertThrows(IllegalArgumentException.class, () -> new BarChart(0));
        assertThrows(IllegalArgumentException.class, () -> new BarChart(Double.POSITIVE_INFINITY));
        assertThrows(IllegalStateException.class, () -> new BarChart(1).render());
    }
}
