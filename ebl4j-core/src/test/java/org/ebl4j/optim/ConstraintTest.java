package org.ebl4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ConstraintTest {
    private static double norm(Tensor v) {
        double s = 0;
        for (float x : v.toArray()) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    /** A few SGD steps on ‖W − T‖² with T far from the feasible set, so the projection has work to do. */
    private static void train(Optimizer opt, Tensor w, Tensor target) {
        for (int t = 0; t < 5; t++) {
            opt.zeroGrad();
            w.sub(target).square().sum().backward();
            opt.step();
        }
    }

    @Test
    void unitNormRowsHoldAfterEverySgdStep() {
        Rng rng = new Rng(5);
        Tensor w = rng.normal(0, 1, 4, 6).requiresGrad(true);
        Sgd sgd = new Sgd(List.of(w), 0.1);
        sgd.addConstraint(w, UnitNormRows.exactly());
        train(sgd, w, rng.normal(0, 3, 4, 6));
        for (int r = 0; r < 4; r++) {
            assertEquals(1, norm(w.slice(0, r, r + 1)), 1e-6, "row " + r);
        }
    }

    @Test
    void unitNormColumnsHoldAfterEveryAdamStep() {
        Rng rng = new Rng(6);
        Tensor dictionary = rng.normal(0, 1, 6, 4).requiresGrad(true);
        Adam adam = new Adam(List.of(dictionary), 0.1);
        adam.addConstraint(dictionary, UnitNormColumns.exactly());
        train(adam, dictionary, rng.normal(0, 3, 6, 4));
        for (int c = 0; c < 4; c++) {
            assertEquals(1, norm(dictionary.slice(1, c, c + 1)), 1e-6, "column " + c);
        }
    }

    @Test
    void atMostShrinksOnlyLongVectors() {
        // Rows of norm 5 and 0.5; columns of norm √(9 + 0.16) and √(16 + 0.09).
        Tensor rows = Tensor.matrix(new float[][] {{3, 4}, {0.4f, 0.3f}});
        UnitNormRows.atMost().project(rows);
        assertArrayEquals(new float[] {0.6f, 0.8f, 0.4f, 0.3f}, rows.toArray(), 1e-7f);
        Tensor cols = Tensor.matrix(new float[][] {{3, 0.3f}, {0.4f, 0.4f}});
        UnitNormColumns.atMost().project(cols);
        double n0 = Math.sqrt(9 + 0.16);
        assertArrayEquals(new float[] {(float) (3 / n0), 0.3f, (float) (0.4 / n0), 0.4f}, cols.toArray(), 1e-7f);
        Tensor exact = Tensor.matrix(new float[][] {{0.4f, 0.3f}, {0, 0}});
        UnitNormRows.exactly().project(exact);
        assertArrayEquals(new float[] {0.8f, 0.6f, 0, 0}, exact.toArray(), 1e-7f);
    }

    @Test
    void projectionsFollowTheStridesOfAView() {
        // Columns of Wᵀ are the rows of W.
        Tensor w = Tensor.matrix(new float[][] {{3, 4}, {0, 2}});
        UnitNormColumns.exactly().project(w.t());
        assertArrayEquals(new float[] {0.6f, 0.8f, 0, 1}, w.toArray(), 1e-7f);
    }

    @Test
    void nonNegativeClampsAfterSteps() {
        Tensor w = Tensor.vector(0.5f, 0.1f, 2).requiresGrad(true);
        Sgd sgd = new Sgd(List.of(w), 0.5);
        sgd.addConstraint(w, new NonNegative());
        train(sgd, w, Tensor.vector(-1, 0.3f, 1));
        float[] v = w.toArray();
        assertEquals(0, v[0]);
        assertEquals(0.3f, v[1], 1e-6f);
        assertEquals(1, v[2], 1e-6f);
    }

    @Test
    void constraintsCheckTheirInput() {
        String rank = assertThrows(IllegalArgumentException.class,
                () -> UnitNormRows.exactly().project(Tensor.zeros(3))).getMessage();
        assertTrue(rank.contains("UnitNormRows") && rank.contains("2-D") && rank.contains("[3]"), rank);
        assertThrows(IllegalArgumentException.class,
                () -> new NonNegative().project(Tensor.zeros(2, 3).t()));
    }
}
