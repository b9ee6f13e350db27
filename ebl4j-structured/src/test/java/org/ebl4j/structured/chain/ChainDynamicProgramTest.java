package org.ebl4j.structured.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.ebl4j.structured.semiring.LogSemiring;
import org.ebl4j.structured.semiring.NBestSemiring;
import org.ebl4j.structured.semiring.Semiring;
import org.ebl4j.structured.semiring.Transitions;
import org.ebl4j.structured.semiring.TropicalSemiring;
import org.ebl4j.tensor.Rng;
import org.junit.jupiter.api.Test;

/** Oracles: every dynamic program against brute-force enumeration of all K^T paths of small random chains. */
class ChainDynamicProgramTest {
    /** A random chain; with {@code forbid}, some transitions are +∞. */
    static LinearChain randomChain(Rng rng, int length, int states, boolean perPosition, boolean forbid) {
        double[] u = new double[length * states];
        for (int k = 0; k < u.length; k++) {
            u[k] = 4 * rng.nextDouble() - 2;
        }
        Transitions[] w = new Transitions[length];
        for (int t = 1; t < length; t++) {
            if (t == 1 || perPosition) {
                double[] e = new double[states * states];
                for (int k = 0; k < e.length; k++) {
                    e[k] = forbid && rng.nextDouble() < 0.2 ? Double.POSITIVE_INFINITY : 4 * rng.nextDouble() - 2;
                }
                w[t] = Transitions.of(states, states, e);
            } else {
                w[t] = w[1];
            }
        }
        return LinearChain.of(states, u, w);
    }

    /** All K^T paths with their energies. */
    static List<Path> enumerate(LinearChain c) {
        List<Path> all = new ArrayList<>();
        int[] y = new int[c.length()];
        while (true) {
            all.add(new Path(y, c.energy(y)));
            int t = c.length() - 1;
            while (t >= 0 && ++y[t] == c.states()) {
                y[t--] = 0;
            }
            if (t < 0) {
                return all;
            }
        }
    }

    private static double bruteFreeEnergy(List<Path> all) {
        double min = all.stream().mapToDouble(Path::energy).min().orElseThrow();
        double s = 0;
        for (Path p : all) {
            s += Math.exp(min - p.energy());
        }
        return min - Math.log(s);
    }

    @Test
    void viterbiAndFreeEnergyEqualEnumeration() {
        Rng rng = new Rng(3);
        for (int trial = 0; trial < 40; trial++) {
            LinearChain c = randomChain(rng, 1 + trial % 5, 2 + trial % 3, trial % 2 == 0, trial % 4 == 1);
            List<Path> all = enumerate(c);
            Path best = all.stream().min(Comparator.comparingDouble(Path::energy)).orElseThrow();
            Path v = ChainDynamicProgram.viterbi(c);
            assertEquals(best.energy(), v.energy(), 1e-12);
            assertArrayEquals(best.labels(), v.labels());
            assertEquals(v.energy(), c.energy(v.labels()), 1e-12, "the traced path has the reported energy");
            assertEquals(bruteFreeEnergy(all), ChainDynamicProgram.freeEnergy(c), 1e-10);
        }
    }

    @Test
    void nBestMatchesSortedEnumeration() {
        Rng rng = new Rng(4);
        for (int trial = 0; trial < 20; trial++) {
            LinearChain c = randomChain(rng, 2 + trial % 4, 2 + trial % 3, trial % 2 == 0, trial % 3 == 0);
            List<Path> sorted = enumerate(c).stream().filter(p -> p.energy() < Double.POSITIVE_INFINITY)
                    .sorted(Comparator.comparingDouble(Path::energy)).toList();
            int n = 7;
            List<Path> best = ChainDynamicProgram.nBest(c, n);
            assertEquals(Math.min(n, sorted.size()), best.size());
            for (int r = 0; r < best.size(); r++) {
                assertEquals(sorted.get(r).energy(), best.get(r).energy(), 1e-12, "rank " + r);
                assertArrayEquals(sorted.get(r).labels(), best.get(r).labels(), "rank " + r);
            }
        }
        // fewer paths than asked for: K^T = 4
        LinearChain tiny = randomChain(new Rng(5), 2, 2, false, false);
        assertEquals(4, ChainDynamicProgram.nBest(tiny, 10).size());
    }

    @Test
    void marginalsEqualEnumerationAndSumToOne() {
        Rng rng = new Rng(6);
        for (int trial = 0; trial < 20; trial++) {
            int len = 2 + trial % 4;
            int k = 2 + trial % 3;
            LinearChain c = randomChain(rng, len, k, trial % 2 == 0, trial % 3 == 0);
            List<Path> all = enumerate(c);
            double f = bruteFreeEnergy(all);
            double[] node = new double[len * k];
            double[] edge = new double[len * k * k];
            for (Path p : all) {
                double prob = Math.exp(f - p.energy());
                int[] y = p.labels();
                for (int t = 0; t < len; t++) {
                    node[t * k + y[t]] += prob;
                    if (t > 0) {
                        edge[(t * k + y[t - 1]) * k + y[t]] += prob;
                    }
                }
            }
            Marginals m = ChainDynamicProgram.marginals(c);
            assertEquals(f, m.freeEnergy(), 1e-10);
            assertArrayEquals(node, m.nodes(), 1e-10);
            double[] out = new double[k * k];
            for (int t = 0; t < len; t++) {
                double rowSum = 0;
                for (int j = 0; j < k; j++) {
                    rowSum += m.node(t, j);
                }
                assertEquals(1, rowSum, 1e-12);
                if (t > 0) {
                    m.edges(t, out);
                    double edgeSum = 0;
                    for (int i = 0; i < k; i++) {
                        for (int j = 0; j < k; j++) {
                            assertEquals(edge[(t * k + i) * k + j], out[i * k + j], 1e-10);
                            assertEquals(out[i * k + j], m.edge(t, i, j), 1e-12);
                            edgeSum += out[i * k + j];
                        }
                    }
                    assertEquals(1, edgeSum, 1e-12);
                }
            }
        }
    }

    @Test
    void backwardTotalEqualsForwardTotalInEverySemiring() {
        Rng rng = new Rng(7);
        List<Semiring> semirings = List.of(TropicalSemiring.INSTANCE, LogSemiring.INSTANCE, new NBestSemiring(4));
        for (Semiring s : semirings) {
            LinearChain c = randomChain(rng, 5, 3, true, false);
            double[] beta = ChainDynamicProgram.backward(c, s);
            int w = s.width();
            double[] total = new double[w];
            s.zero(total, 0);
            for (int j = 0; j < c.states(); j++) {
                double[] cell = java.util.Arrays.copyOfRange(beta, j * w, j * w + w);
                s.times(cell, 0, c.unary(0, j));
                s.plus(total, 0, cell, 0, total, 0);
            }
            assertArrayEquals(ChainDynamicProgram.forward(c, s).total(), total, 1e-10, s.name());
        }
    }

    @Test
    void tropicalForwardBackwardGivesMinMarginals() {
        // the same α ⊗ β as the marginals, in the tropical semiring: the best energy of a path through (t, j)
        Rng rng = new Rng(8);
        LinearChain c = randomChain(rng, 4, 3, true, false);
        Lattice a = ChainDynamicProgram.forward(c, TropicalSemiring.INSTANCE);
        double[] b = ChainDynamicProgram.backward(c, TropicalSemiring.INSTANCE);
        List<Path> all = enumerate(c);
        for (int t = 0; t < 4; t++) {
            for (int j = 0; j < 3; j++) {
                final int tt = t;
                final int jj = j;
                double brute = all.stream().filter(p -> p.labels()[tt] == jj).mapToDouble(Path::energy).min()
                        .orElseThrow();
                assertEquals(brute, a.alpha(t, j, 0) + b[t * 3 + j], 1e-12);
            }
        }
    }

    @Test
    void longSequencesNeitherUnderflowNorOverflow() {
        // 10,000 positions with energies up to 50 and free transitions: F, the Viterbi energy and the marginals
        // have closed forms position by position (F ≈ 2.5e5, exp(−F) underflows any probability-domain product)
        int len = 10_000;
        int k = 4;
        Rng rng = new Rng(9);
        double[] u = new double[len * k];
        double f = 0;
        double best = 0;
        for (int t = 0; t < len; t++) {
            double row = Double.POSITIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                u[t * k + j] = 50 * rng.nextDouble();
                row = LogSemiring.softMin(row, u[t * k + j]);
            }
            f += row;
            best += java.util.Arrays.stream(u, t * k, t * k + k).min().orElseThrow();
        }
        LinearChain c = LinearChain.of(k, u, Transitions.free(k, k));
        Marginals m = ChainDynamicProgram.marginals(c);
        assertEquals(f, m.freeEnergy(), 1e-9 * f);
        assertEquals(best, ChainDynamicProgram.viterbi(c).energy(), 1e-9 * best);
        int t = len / 2;
        double rowF = Double.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            rowF = LogSemiring.softMin(rowF, u[t * k + j]);
        }
        for (int j = 0; j < k; j++) {
            assertEquals(Math.exp(rowF - u[t * k + j]), m.node(t, j), 1e-9);
        }
    }

    @Test
    void forbiddenPathsAndBadInputAreReported() {
        double inf = Double.POSITIVE_INFINITY;
        LinearChain dead = LinearChain.of(2, new double[] {0, 0, 0, 0}, Transitions.of(2, 2,
                new double[] {inf, inf, inf, inf}));
        assertEquals(inf, ChainDynamicProgram.freeEnergy(dead));
        assertTrue(ChainDynamicProgram.nBest(dead, 3).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChainDynamicProgram.marginals(dead));
        assertTrue(e.getMessage().contains("+Infinity"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LinearChain.of(3, new double[4], Transitions.free(3, 3)));
        e = assertThrows(IllegalArgumentException.class,
                () -> LinearChain.of(2, new double[4], Transitions.free(3, 3)));
        assertEquals("LinearChain: transitions at position 1 must be 2 x 2, got 3 x 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LinearChain.of(2, new double[4], Transitions.free(2, 2)).energy(new int[] {0, 2}));
        assertEquals("LinearChain.energy: label 2 at position 1 is outside [0, 2)", e.getMessage());
    }
}
