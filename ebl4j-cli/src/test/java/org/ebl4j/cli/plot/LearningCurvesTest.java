package org.ebl4j.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.ebl4j.energy.train.EpochMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningCurvesTest {
    private static final double[] EPOCHS = {1, 2, 3, 4, 5};
    /** 10^(1 − t): a loss falling tenfold per epoch, a straight line on a log axis. */
    private static final double[] DECAY = {1, 0.1, 0.01, 0.001, 0.0001};

    @TempDir
    Path dir;

    @Test
    void writesAReadablePngWithTheCurveInItsColour() throws IOException {
        Path file = dir.resolve("curves.png");
        new LearningCurves("loss").series("train_loss", EPOCHS, new double[] {5, 3, 2, 1.5, 1.2}).write(file, 320, 240);
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(320, image.getWidth());
        assertEquals(240, image.getHeight());
        assertTrue(PlotPixels.count(image, Charts.colour(0)) > 50, "the curve is drawn in series 0's colour");
        assertEquals(0, PlotPixels.count(image, Charts.colour(1)), "no second series");
    }

    /**
     * The middle epoch lies on the chord between the first and last on a log axis (log10 y is linear in t), and far
     * above it (the curve is convex) on a linear one.
     */
    @Test
    void aLogAxisStraightensAGeometricDecay() {
        Color c = Charts.colour(0);
        for (boolean log : new boolean[] {true, false}) {
            LearningCurves curves = new LearningCurves("decay").series("loss", EPOCHS, DECAY);
            BufferedImage image = (log ? curves.logY() : curves).render(400, 300);
            int left = PlotPixels.leftmost(image, c);
            int right = left;
            for (int x = left; x < image.getWidth(); x++) {
                if (!Double.isNaN(PlotPixels.meanRow(image, x, c))) {
                    right = x;
                }
            }
            double chord = (PlotPixels.meanRow(image, left, c) + PlotPixels.meanRow(image, right, c)) / 2;
            double middle = PlotPixels.meanRow(image, (left + right) / 2, c);
            double off = Math.abs(middle - chord);
            assertTrue(log ? off < 5 : off > 50, (log ? "log" : "linear") + " axis: middle " + middle + " vs chord "
                    + chord);
        }
    }

    @Test
    void trainingRunsPlotEveryMetricButTheLearningRate() {
        List<EpochMetrics> epochs = List.of(new EpochMetrics(1, Map.of("train_loss", 2.0, "lr", 0.1), 1),
                new EpochMetrics(2, Map.of("train_loss", 1.0, "lr", 0.1), 1));
        BufferedImage image = LearningCurves.of("run", epochs).render(320, 240);
        assertTrue(PlotPixels.count(image, Charts.colour(0)) > 20);
        assertEquals(0, PlotPixels.count(image, Charts.colour(1)), "lr is not drawn");
        BufferedImage two = new LearningCurves("two").series("a", EPOCHS, DECAY).series("b", EPOCHS, EPOCHS)
                .render(320, 240);
        assertTrue(PlotPixels.count(two, Charts.colour(1)) > 20, "the second series in its own colour");
    }

    @Test
    void badSeriesAreRejectedByName() {
        LearningCurves c = new LearningCurves("t");
        assertEquals("LearningCurves: series 'a' needs as many epochs as values (at least one), got 0 epochs and 0 "
                + "values", assertThrows(IllegalArgumentException.class,
                    () -> c.series("a", new double[0], new double[0])).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.series("a", EPOCHS, new double[] {1, 2}))
                .getMessage().contains("got 5 epochs and 2 values"));
        assertEquals("LearningCurves: series 'a' has a non-finite point (3.0, NaN) at index 2",
                assertThrows(IllegalArgumentException.class,
                    () -> c.series("a", EPOCHS, new double[] {1, 2, Double.NaN, 4, 5})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.render(320, 240), "no series");
        c.series("a", EPOCHS, new double[] {1, 0, 1, 1, 1});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.series("a", EPOCHS, DECAY)).getMessage()
                .contains("added twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.logY().render(320, 240)).getMessage()
                .contains("value 0.0, not positive, on a logarithmic axis"));
        assertThrows(IllegalArgumentException.class, () -> c.render(10, 240));
        assertThrows(IllegalArgumentException.class, () -> LearningCurves.of("t", List.of()));
    }
}
