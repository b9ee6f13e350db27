package org.ebl4j.structured.dtw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.ebl4j.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** DTW and soft-DTW against brute-force enumeration of every warping path on tiny trellises. */
class DynamicTimeWarpingTest {
    static Stream<Arguments> settings() {
        return Stream.of(Arguments.of(StepPattern.SYMMETRIC1, 1.0), Arguments.of(StepPattern.SYMMETRIC2, 1.0),
                Arguments.of(StepPattern.ASYMMETRIC, 1.0), Arguments.of(StepPattern.SYMMETRIC1, 0.3),
                Arguments.of(StepPattern.SYMMETRIC2, 0.25));
    }

    /** Random local distances of random frames (n, m in 1..5, D = 2), so that ties have probability 0. */
    private static double[] distances(Rng rng, int n, int m) {
        float[] x = rng.normal(0f, 1f, n, 2).toArray();
        float[] t = rng.normal(0f, 1f, m, 2).toArray();
        return DynamicTimeWarping.localDistances(x, 0, n, t, 0, m, 2);
    }

    @ParameterizedTest(name = "{0}, band {1}")
    @MethodSource("settings")
    void hardDtwIsTheMinimumOverAllPathsAndReturnsThatPath(StepPattern pattern, double band) {
        DynamicTimeWarping dtw = new DynamicTimeWarping(pattern, band);
        Rng rng = new Rng(7);
        int admissible = 0;
        for (int trial = 0; trial < 60; trial++) {
            int n = 1 + rng.nextInt(5);
            int m = 1 + rng.nextInt(5);
            double[] d = distances(rng, n, m);
            List<WarpingPaths.Enumerated> paths = WarpingPaths.all(dtw, d, n, m);
            Alignment a = dtw.align(d, n, m);
            if (paths.isEmpty()) {
                assertFalse(a.admissible(), n + "x" + m);
                assertNull(a.path());
                continue;
            }
            admissible++;
            WarpingPaths.Enumerated best = paths.stream()
                    .min((p, q) -> Double.compare(p.energy(), q.energy())).orElseThrow();
            assertEquals(best.energy(), a.energy(), 1e-9, pattern.name() + " " + n + "x" + m);
            assertArrayEquals(best.weights(), a.weights(), 1e-12);
            assertEquals(best.cells().size(), a.path().length);
            for (int k = 0; k < a.path().length; k++) {
                assertArrayEquals(best.cells().get(k), a.path()[k]);
            }
        }
        assertTrue(admissible > 30, "too few admissible trellises: " + admissible);
    }

    @ParameterizedTest(name = "{0}, band {1}")
    @MethodSource("settings")
    void softDtwIsTheFreeEnergyOverAllPathsWithPosteriorWeights(StepPattern pattern, double band) {
        DynamicTimeWarping dtw = new DynamicTimeWarping(pattern, band);
        Rng rng = new Rng(11);
        for (int trial = 0; trial < 40; trial++) {
            int n = 1 + rng.nextInt(5);
            int m = 1 + rng.nextInt(5);
            double[] d = distances(rng, n, m);
            List<WarpingPaths.Enumerated> paths = WarpingPaths.all(dtw, d, n, m);
            if (paths.isEmpty()) {
                continue;
            }
            for (double beta : new double[] {0.1, 1, 5}) {
                Alignment a = dtw.softAlign(d, n, m, beta);
                assertEquals(WarpingPaths.softMin(paths, beta), a.energy(), 1e-9,
                        pattern.name() + " " + n + "x" + m + " beta " + beta);
                assertArrayEquals(WarpingPaths.expectedWeights(paths, beta, n * m), a.weights(), 1e-9);
                assertNull(a.path());
            }
        }
    }

    @Test
    void softDtwTendsToDtwWithinTheLogPathCountBound() {
        DynamicTimeWarping dtw = new DynamicTimeWarping(StepPattern.SYMMETRIC1);
        Rng rng = new Rng(3);
        int n = 5;
        int m = 4;
        double[] d = distances(rng, n, m);
        int count = WarpingPaths.all(dtw, d, n, m).size();
        assertEquals(129, count); // the Delannoy number D(4, 3)
        Alignment hard = dtw.align(d, n, m);
        double previousGap = Double.POSITIVE_INFINITY;
        for (double beta : new double[] {1, 10, 100, 1e4}) {
            Alignment soft = dtw.softAlign(d, n, m, beta);
            double gap = hard.energy() - soft.energy();
            assertTrue(gap >= -1e-12 && gap <= Math.log(count) / beta + 1e-12, "beta " + beta + ": gap " + gap);
            assertTrue(gap < previousGap);
            previousGap = gap;
        }
        Alignment cold = dtw.softAlign(d, n, m, 1e4);
        assertEquals(hard.energy(), cold.energy(), 1e-3);
        assertArrayEquals(hard.weights(), cold.weights(), 1e-6);
    }

    @Test
    void closedFormsOnTheDiagonalAndOnSequencesOfOneFrame() {
        Rng rng = new Rng(5);
        double[] d = distances(rng, 4, 4);
        // a zero band leaves only the diagonal of a square trellis
        Alignment diagonal = new DynamicTimeWarping(StepPattern.SYMMETRIC1, 0).align(d, 4, 4);
        assertEquals(d[0] + d[5] + d[10] + d[15], diagonal.energy(), 1e-12);
        Alignment weighted = new DynamicTimeWarping(StepPattern.SYMMETRIC2, 0).align(d, 4, 4);
        assertEquals(d[0] + 2 * (d[5] + d[10] + d[15]), weighted.energy(), 1e-12);
        // one input frame is matched with every template frame
        double[] row = distances(rng, 1, 3);
        assertEquals(row[0] + row[1] + row[2], new DynamicTimeWarping(StepPattern.SYMMETRIC1).align(row, 1, 3)
                .energy(), 1e-12);
        // asymmetric: 1 input frame cannot reach the end of a 3-frame template
        assertFalse(new DynamicTimeWarping(StepPattern.ASYMMETRIC).align(row, 1, 3).admissible());
        // identical sequences match at energy 0 along the diagonal
        float[] x = rng.normal(0f, 1f, 6, 2).toArray();
        Alignment self = new DynamicTimeWarping(StepPattern.SYMMETRIC1)
                .align(DynamicTimeWarping.localDistances(x, 0, 6, x, 0, 6, 2), 6, 6);
        assertEquals(0, self.energy(), 0);
        for (int k = 0; k < 6; k++) {
            assertArrayEquals(new int[] {k, k}, self.path()[k]);
        }
    }

    @Test
    void localDistancesAreSquaredEuclidean() {
        float[] x = {1, 2, 0, 0};
        float[] t = {4, 6};
        assertArrayEquals(new double[] {25, 52}, DynamicTimeWarping.localDistances(x, 0, 2, t, 0, 1, 2), 0);
        assertArrayEquals(new double[] {52}, DynamicTimeWarping.localDistances(x, 2, 1, t, 0, 1, 2), 0);
    }

    @Test
    void rejectsBadSettingsAndInputs() {
        assertThrows(IllegalArgumentException.class, () -> new DynamicTimeWarping(null));
        assertThrows(IllegalArgumentException.class, () -> new DynamicTimeWarping(StepPattern.SYMMETRIC1, -0.1));
        DynamicTimeWarping dtw = new DynamicTimeWarping(StepPattern.SYMMETRIC1);
        assertThrows(IllegalArgumentException.class, () -> dtw.align(new double[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> dtw.align(new double[] {0, Double.NaN}, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> dtw.softAlign(new double[4], 2, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> dtw.softAlign(new double[4], 2, 2,
                Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new StepPattern.Step(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new StepPattern.Step(1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> StepPattern.named("itakura"));
        assertEquals(StepPattern.SYMMETRIC2, StepPattern.named("symmetric2"));
    }
}
