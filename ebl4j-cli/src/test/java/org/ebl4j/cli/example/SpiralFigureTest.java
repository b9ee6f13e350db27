package org.ebl4j.cli.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ebl4j.cli.plot.Grid;
import org.ebl4j.energy.Energy;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SpiralFigureTest {
    /** E(Y) = |Y|². */
    private static final Energy SQUARED_NORM = new Energy() {
        @Override
        public Tensor energy(Tensor x, Tensor y) {
            return y.square().sum(1, false);
        }
    };

    @Test
    void quantilesAreTheFractionOfCellsWithAStrictlyLowerEnergy() {
        Grid surface = new Grid(new float[] {3, 1, 2, 2, 5, 2}, 2, 3, -1, 1, -1, 1);
        Grid q = SpiralFigure.quantiles(surface);
        // below 3: 1, 2, 2, 2; below 1: none; below 2: 1; below 5: all but itself
        assertArrayEquals(new float[] {4 / 6f, 0f, 1 / 6f, 1 / 6f, 5 / 6f, 1 / 6f}, q.values(), 1e-7f);
        assertEquals(surface.xLo(), q.xLo());
        assertEquals(surface.yHi(), q.yHi());
    }

    @Test
    void dataQuantileIsTheMeanFractionOfThePlaneBelowEachPointByBruteForce() {
        Grid surface = SpiralFigure.surface(SQUARED_NORM);
        float[] points = {0f, 0f, 0.5f, -0.3f, 1.2f, 1.2f, -0.9f, 0.1f};
        Tensor data = Tensor.of(points, 4, 2);
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            float e = points[2 * i] * points[2 * i] + points[2 * i + 1] * points[2 * i + 1];
            int below = 0;
            for (float v : surface.values()) {
                below += v < e ? 1 : 0;
            }
            expected += below / (double) surface.values().length / 4;
        }
        assertEquals(expected, SpiralFigure.dataQuantile(SQUARED_NORM, data, surface), 1e-12);
    }

    @Test
    void theOriginIsTheLowestPointOfABowlAndTheDiscInsideRadiusROfTheSquareIsBelowIt() {
        Grid surface = SpiralFigure.surface(SQUARED_NORM);
        assertEquals(0, SpiralFigure.dataQuantile(SQUARED_NORM, Tensor.of(new float[] {0, 0}, 1, 2), surface));
        // E = r² at (r, 0): the cells below it fill the disc of radius r, area πr² out of (2·EXTENT)²
        double r = 0.6;
        double q = SpiralFigure.dataQuantile(SQUARED_NORM, Tensor.of(new float[] {(float) r, 0}, 1, 2), surface);
        double side = 2 * SpiralFigure.EXTENT;
        assertEquals(Math.PI * r * r / (side * side), q, 0.01);
    }
}
