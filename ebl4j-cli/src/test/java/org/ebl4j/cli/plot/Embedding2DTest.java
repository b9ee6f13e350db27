package org.ebl4j.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Embedding2DTest {
    @TempDir
    Path dir;

    @Test
    void writesAReadablePngWithEachLabelInItsColour() throws IOException {
        Path file = dir.resolve("embedding.png");
        new Embedding2D("one class", new float[] {0, 0, 1, 1, 2, 0.5f}, new int[] {3, 3, 3}).write(file, 300, 200);
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(300, image.getWidth());
        assertEquals(200, image.getHeight());
        assertTrue(PlotPixels.count(image, Charts.colour(3)) > 30, "three discs in label 3's colour");
        assertEquals(0, PlotPixels.count(image, Charts.colour(0)));
    }

    /** Label 0 sits at x = 0, label 1 at x = 1: label 0's colour starts far left of label 1's. */
    @Test
    void pointsAreDrawnWhereTheirLabelIs() {
        float[] points = new float[16];
        int[] labels = new int[8];
        for (int i = 0; i < 8; i++) {
            labels[i] = i % 2;
            points[2 * i] = labels[i];
            points[2 * i + 1] = i;
        }
        BufferedImage image = new Embedding2D("two classes", points, labels).render(400, 300);
        int left0 = PlotPixels.leftmost(image, Charts.colour(0));
        int left1 = PlotPixels.leftmost(image, Charts.colour(1));
        assertTrue(left0 >= 0 && left1 > left0 + 200, "label 0 from column " + left0 + ", label 1 from " + left1);
        assertEquals(0, PlotPixels.count(image, Charts.colour(2)), "no label 2");
    }

    @Test
    void badInputIsRejected() {
        assertEquals("Embedding2D: need an [N, 2] embedding and N labels (N >= 1), got 3 coordinates and 2 labels",
                assertThrows(IllegalArgumentException.class, () -> new Embedding2D("t", new float[3], new int[2]))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Embedding2D("t", new float[0], new int[0]));
        assertEquals("Embedding2D: point 1 is (NaN, 0.0), not finite", assertThrows(IllegalArgumentException.class,
                () -> new Embedding2D("t", new float[] {0, 0, Float.NaN, 0}, new int[] {0, 1})).getMessage());
        assertEquals("Embedding2D: label -1 of point 0 is negative", assertThrows(IllegalArgumentException.class,
                () -> new Embedding2D("t", new float[2], new int[] {-1})).getMessage());
    }
}
