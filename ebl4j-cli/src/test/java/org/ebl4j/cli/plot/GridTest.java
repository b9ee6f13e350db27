package org.ebl4j.cli.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ebl4j.energy.Energy;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GridTest {
    /** E(Y, X) = (Y − X²)² + X: lowest along the parabola Y = X², raised by X. */
    private static final Energy PARABOLA = new Energy() {
        @Override
        public Tensor energy(Tensor x, Tensor y) {
            return y.sub(x.square()).square().add(x).reshape(x.shape(0));
        }
    };

    @Test
    void energyGridIsSampledRowByRowFromTheBottom() {
        Grid g = Grid.ofEnergy(PARABOLA, -1, 1, 21, -0.5, 1.5, 41);
        assertEquals(21, g.cols());
        assertEquals(-1, g.x(0), 1e-12);
        assertEquals(1.5, g.y(40), 1e-12);
        // row r, column c holds E(y(r), x(c))
        double x = g.x(4);
        double y = g.y(30);
        assertEquals((y - x * x) * (y - x * x) + x, g.value(30, 4), 1e-5);
        double[] curve = g.argminPerColumn();
        for (int c = 0; c < g.cols(); c++) {
            assertEquals(g.x(c) * g.x(c), curve[c], 0.025 + 1e-9, "argmin at column " + c); // half a row step
        }
    }

    @Test
    void shiftingEachColumnByItsMinimumRemovesWhatDependsOnXAlone() {
        Grid g = Grid.ofEnergy(PARABOLA, -1, 1, 21, -0.5, 1.5, 41);
        Grid shifted = g.minusColumnMinimum();
        assertArrayEquals(g.argminPerColumn(), shifted.argminPerColumn());
        for (int c = 0; c < g.cols(); c++) {
            int best = (int) Math.round((shifted.argminPerColumn()[c] + 0.5) / 0.05);
            assertEquals(0f, shifted.value(best, c), 0f);
            for (int r = 0; r < g.rows(); r++) {
                // the "+ X" term is gone: what is left is (y − x²)² − its minimum over the column's rows
                double expected = Math.pow(g.y(r) - g.x(c) * g.x(c), 2) - Math.pow(g.y(best) - g.x(c) * g.x(c), 2);
                assertEquals(expected, shifted.value(r, c), 1e-5);
            }
        }
    }

    @Test
    void rangeSkipsNonFiniteValuesAndBadGridsAreRejected() {
        Grid g = new Grid(new float[] {Float.NaN, -2f, 7f, Float.POSITIVE_INFINITY}, 2, 2, 0, 1, 0, 1);
        assertArrayEquals(new float[] {-2f, 7f}, g.range());
        assertThrows(IllegalArgumentException.class, () -> new Grid(new float[3], 2, 2, 0, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Grid(new float[4], 2, 2, 1, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Grid(new float[2], 1, 2, 0, 1, 0, 1));
    }
}
