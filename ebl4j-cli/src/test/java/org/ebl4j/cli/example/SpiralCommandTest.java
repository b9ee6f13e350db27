package org.ebl4j.cli.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.ebl4j.cli.Run;
import org.ebl4j.cli.plot.Mosaic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpiralCommandTest {
    @TempDir
    Path dir;

    private static double quantile(String json, String model) {
        Matcher m = Pattern.compile("\"" + model + "\":(-?[0-9.Ee+-]+)[,}]").matcher(json);
        assertTrue(m.find(), model + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void everyModelPutsTheDataBelowTheMedianEnergyAndTheFigureHasAPanelEach() throws Exception {
        Run r = Run.of("example", "spiral", "--samples", "200", "--epochs", "40", "--out", dir.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        String json = r.lastLine();
        for (String model : SpiralFigure.MODELS) {
            double q = quantile(json, model);
            assertTrue(q < 0.5, model + " data quantile " + q + " (flat energy: 0.5): " + json);
        }
        assertTrue(quantile(json, "kmeans-20") < 0.15, "20 prototypes on the curve: " + json);
        assertTrue(quantile(json, "denoising-autoencoder") < 0.15, "a valley along the arms: " + json);
        BufferedImage png = ImageIO.read(dir.resolve("spiral.png").toFile());
        assertEquals(4 * 300 + 5 * 6, png.getWidth());
        int titles = Mosaic.fontAvailable() ? 2 * Mosaic.TITLE_HEIGHT : 0; // a strip above each row of panels
        assertEquals(2 * 300 + 3 * 6 + titles, png.getHeight());
    }
}
