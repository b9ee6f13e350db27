package org.ebl4j.structured.semiring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.ebl4j.tensor.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The contract every {@link Semiring} keeps: the semiring axioms, and a step that is the ⊕ of ⊗ products. */
class SemiringContractTest {
    static Stream<Semiring> semirings() {
        return Stream.of(TropicalSemiring.INSTANCE, LogSemiring.INSTANCE, new NBestSemiring(1), new NBestSemiring(3));
    }

    /** A random value: sorted energies in [−3, 3], some +∞ (no path) entries for n-best. */
    private static double[] random(Semiring s, Rng rng) {
        double[] v = new double[s.width()];
        for (int r = 0; r < v.length; r++) {
            v[r] = r > 0 && rng.nextDouble() < 0.2 ? Double.POSITIVE_INFINITY : 6 * rng.nextDouble() - 3;
        }
        Arrays.sort(v);
        return v;
    }

    private static double[] plus(Semiring s, double[] a, double[] b) {
        double[] out = new double[s.width()];
        s.plus(a, 0, b, 0, out, 0);
        return out;
    }

    private static double[] times(Semiring s, double[] a, double[] b) {
        double[] out = new double[s.width()];
        s.times(a, 0, b, 0, out, 0);
        return out;
    }

    private static double[] zero(Semiring s) {
        double[] v = new double[s.width()];
        s.zero(v, 0);
        return v;
    }

    private static double[] one(Semiring s) {
        double[] v = new double[s.width()];
        s.one(v, 0);
        return v;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("semirings")
    void axioms(Semiring s) {
        Rng rng = new Rng(1);
        for (int trial = 0; trial < 200; trial++) {
            double[] a = random(s, rng);
            double[] b = random(s, rng);
            double[] c = random(s, rng);
            assertArrayEquals(plus(s, plus(s, a, b), c), plus(s, a, plus(s, b, c)), 1e-12, "⊕ associative");
            assertArrayEquals(plus(s, a, b), plus(s, b, a), 1e-12, "⊕ commutative");
            assertArrayEquals(times(s, times(s, a, b), c), times(s, a, times(s, b, c)), 1e-12, "⊗ associative");
            assertArrayEquals(times(s, a, plus(s, b, c)), plus(s, times(s, a, b), times(s, a, c)), 1e-12,
                    "⊗ distributes over ⊕");
            assertArrayEquals(a, plus(s, a, zero(s)), 1e-15, "0̄ neutral for ⊕");
            assertArrayEquals(a, times(s, a, one(s)), 1e-15, "1̄ neutral for ⊗");
            assertArrayEquals(zero(s), times(s, a, zero(s)), 0, "0̄ annihilates");
            double e = 4 * rng.nextDouble() - 2;
            double[] scaled = a.clone();
            s.times(scaled, 0, e);
            double[] single = zero(s);
            single[0] = e;
            assertArrayEquals(times(s, a, single), scaled, 1e-12, "⊗ by one path of energy e adds e");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("semirings")
    void stepIsTheSumOfProducts(Semiring s) {
        Rng rng = new Rng(2);
        int rows = 4;
        int cols = 3;
        int w = s.width();
        for (int trial = 0; trial < 50; trial++) {
            double[] in = new double[rows * w];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(random(s, rng), 0, in, i * w, w);
            }
            double[] m = new double[rows * cols];
            for (int k = 0; k < m.length; k++) {
                m[k] = rng.nextDouble() < 0.1 ? Double.POSITIVE_INFINITY : 4 * rng.nextDouble() - 2;
            }
            Transitions tr = Transitions.of(rows, cols, m);
            double[] out = new double[cols * w];
            int[] from = new int[cols * w];
            s.step(in, 0, tr, out, 0, from, 0);
            for (int j = 0; j < cols; j++) {
                double[] expect = zero(s);
                for (int i = 0; i < rows; i++) {
                    double[] term = Arrays.copyOfRange(in, i * w, i * w + w);
                    s.times(term, 0, m[i * cols + j]);
                    expect = plus(s, expect, term);
                }
                assertArrayEquals(expect, Arrays.copyOfRange(out, j * w, j * w + w), 1e-12, "column " + j);
                if (s.selective()) {
                    for (int r = 0; r < w; r++) {
                        int src = from[j * w + r];
                        if (out[j * w + r] == Double.POSITIVE_INFINITY) {
                            assertEquals(-1, src);
                        } else {
                            assertEquals(in[src] + m[(src / w) * cols + j], out[j * w + r], 1e-12,
                                    "back-pointer names the entry it extends");
                        }
                    }
                }
            }
        }
    }

    @Test
    void logSemiringStepSurvivesFarApartMinima() {
        // the best input row meets a very expensive column entry and the cheap entry a very expensive input:
        // the scaled sum underflows and the column is recomputed term by term
        double[] in = {0, 900};
        Transitions w = Transitions.of(2, 1, new double[] {900, 0});
        double[] out = new double[1];
        LogSemiring.INSTANCE.step(in, 0, w, out, 0, null, 0);
        assertEquals(900 - Math.log(2), out[0], 1e-9);
        assertEquals(900 - Math.log(2), LogSemiring.softMin(900, 900), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, LogSemiring.softMin(Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY));
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new NBestSemiring(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transitions.of(2, 2, new double[] {0, 1, Double.NaN, 0}));
        assertEquals("Transitions: energy (1, 0) is NaN; energies must be finite or +Infinity (forbidden)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Transitions.of(2, 2, new double[3]));
        assertEquals(List.of("tropical", "log", "1-best", "3-best"), semirings().map(Semiring::name).toList());
    }
}
