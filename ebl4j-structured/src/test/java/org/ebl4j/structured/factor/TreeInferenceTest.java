package org.ebl4j.structured.factor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.ebl4j.structured.chain.ChainDynamicProgram;
import org.ebl4j.structured.chain.LinearChain;
import org.ebl4j.structured.semiring.Transitions;
import org.junit.jupiter.api.Test;

/** Exact two-pass message passing on trees and forests against enumeration of every assignment. */
class TreeInferenceTest {
    private static final int GRAPHS = 300;

    @Test
    void minSumFindsTheBruteForceMinimumAndArgmin() {
        Random r = new Random(1);
        for (int i = 0; i < GRAPHS; i++) {
            FactorGraph g = RandomGraphs.forest(r, 10, 1.5);
            BruteForce oracle = new BruteForce(g, 1);
            Assignment a = TreeInference.minSum(g);
            assertEquals(oracle.min, a.energy(), 1e-9, "graph " + i);
            assertArrayEquals(oracle.argmin, a.values(), "graph " + i + ": " + oracle);
        }
    }

    @Test
    void sumProductGivesTheBruteForceFreeEnergyAndMarginals() {
        Random r = new Random(2);
        double[] betas = {0.5, 1, 3};
        for (int i = 0; i < GRAPHS; i++) {
            FactorGraph g = RandomGraphs.forest(r, 10, 1.5);
            double beta = betas[i % betas.length];
            BruteForce oracle = new BruteForce(g, beta);
            Beliefs b = TreeInference.sumProduct(g, beta);
            assertEquals(oracle.freeEnergy, b.freeEnergy(), 1e-9, "graph " + i);
            for (int v = 0; v < g.variables(); v++) {
                assertEquals(1, sum(b.variable(v)), 1e-12);
                assertArrayEquals(oracle.variables[v], b.variable(v), 1e-9, "graph " + i + " variable " + v);
                int likely = 0;
                for (int x = 1; x < g.cardinality(v); x++) {
                    likely = oracle.variables[v][x] > oracle.variables[v][likely] + 1e-9 ? x : likely;
                }
                assertEquals(likely, b.mostLikely()[v]);
            }
            for (int f = 0; f < g.factors().size(); f++) {
                assertEquals(1, sum(b.factor(f)), 1e-12);
                assertArrayEquals(oracle.factors[f], b.factor(f), 1e-9, "graph " + i + " factor " + f);
            }
        }
    }

    @Test
    void aChainGivesTheChainDynamicProgramsAnswers() {
        Random r = new Random(3);
        int len = 7;
        int k = 4;
        double[] unary = RandomGraphs.table(r, len * k, 1);
        double[] w = RandomGraphs.table(r, k * k, 1);
        LinearChain chain = LinearChain.of(k, unary, Transitions.of(k, k, w));
        int[] cards = new int[len];
        List<Factor> fs = new ArrayList<>();
        for (int t = 0; t < len; t++) {
            cards[t] = k;
            fs.add(Factor.unary(t, java.util.Arrays.copyOfRange(unary, t * k, (t + 1) * k)));
            if (t > 0) {
                fs.add(Factor.pairwise(t - 1, t, w));
            }
        }
        FactorGraph g = FactorGraph.of(cards, fs);
        assertArrayEquals(ChainDynamicProgram.viterbi(chain).labels(), TreeInference.minSum(g).values());
        assertEquals(ChainDynamicProgram.viterbi(chain).energy(), TreeInference.minSum(g).energy(), 1e-9);
        assertEquals(ChainDynamicProgram.freeEnergy(chain), TreeInference.sumProduct(g, 1).freeEnergy(), 1e-9);
        double[] nodes = ChainDynamicProgram.marginals(chain).nodes();
        Beliefs b = TreeInference.sumProduct(g, 1);
        for (int t = 0; t < len; t++) {
            assertArrayEquals(java.util.Arrays.copyOfRange(nodes, t * k, (t + 1) * k), b.variable(t), 1e-9);
        }
    }

    @Test
    void hardConstraintsColourATreeProperly() {
        // a star and a path, 3 colours, neighbours must differ (+∞ on equal colours), random preferences per node
        Random r = new Random(4);
        double inf = Double.POSITIVE_INFINITY;
        double[] differ = {inf, 0, 0, 0, inf, 0, 0, 0, inf};
        int[][] edges = {{0, 1}, {0, 2}, {0, 3}, {3, 4}, {4, 5}, {5, 6}};
        List<Factor> fs = new ArrayList<>();
        for (int[] e : edges) {
            fs.add(Factor.pairwise(e[0], e[1], differ));
        }
        for (int v = 0; v < 7; v++) {
            fs.add(Factor.unary(v, RandomGraphs.table(r, 3, 1)));
        }
        FactorGraph g = FactorGraph.of(new int[] {3, 3, 3, 3, 3, 3, 3}, fs);
        BruteForce oracle = new BruteForce(g, 2);
        Assignment a = TreeInference.minSum(g);
        assertArrayEquals(oracle.argmin, a.values());
        for (int[] e : edges) {
            assertTrue(a.value(e[0]) != a.value(e[1]));
        }
        Beliefs b = TreeInference.sumProduct(g, 2);
        assertEquals(oracle.freeEnergy, b.freeEnergy(), 1e-9);
        for (int f = 0; f < edges.length; f++) {
            assertArrayEquals(oracle.factors[f], b.factor(f), 1e-9);
            assertEquals(0, b.factor(f)[0] + b.factor(f)[4] + b.factor(f)[8]);
        }
        FactorGraph impossible = FactorGraph.of(new int[] {1, 1}, List.of(Factor.pairwise(0, 1, inf)));
        assertThrows(IllegalArgumentException.class, () -> TreeInference.minSum(impossible));
        assertThrows(IllegalArgumentException.class, () -> TreeInference.sumProduct(impossible, 1));
    }

    @Test
    void isolatedVariablesAreFree() {
        FactorGraph g = FactorGraph.of(new int[] {3, 2}, List.of(Factor.unary(1, 1, 0)));
        assertArrayEquals(new int[] {0, 1}, TreeInference.minSum(g).values());
        Beliefs b = TreeInference.sumProduct(g, 1);
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, b.variable(0), 1e-12);
        // F = −log 3 − log(e^−1 + 1)
        assertEquals(-Math.log(3) - Math.log(Math.exp(-1) + 1), b.freeEnergy(), 1e-12);
    }

    @Test
    void cyclesAreRejectedWithTheFactorThatClosesThem() {
        double[] w = {0, 1, 1, 0};
        FactorGraph triangle = FactorGraph.of(new int[] {2, 2, 2},
                List.of(Factor.pairwise(0, 1, w), Factor.pairwise(1, 2, w), Factor.pairwise(2, 0, w)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TreeInference.minSum(triangle));
        assertEquals("TreeInference: the factor graph has a cycle (factor 2 over variables [2, 0] closes a cycle "
                + "through variable 0); exact message passing needs a tree or a forest, use LoopyBeliefPropagation",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TreeInference.sumProduct(triangle, 1));
        // two factors over the same pair also close a cycle; a ternary factor over them does not
        assertTrue(FactorGraph.of(new int[] {2, 2}, List.of(Factor.pairwise(0, 1, w), Factor.pairwise(1, 0, w)))
                .cycle() != null);
        assertNull(FactorGraph.of(new int[] {2, 2, 2}, List.of(new Factor(new int[] {0, 1, 2}, new double[8]),
                Factor.unary(0, 0, 1))).cycle());
    }

    @Test
    void badGraphsAreRejected() {
        assertEquals("FactorGraph: variable 1 has cardinality 0, must be >= 1", assertThrows(
                IllegalArgumentException.class, () -> FactorGraph.of(new int[] {2, 0}, List.of())).getMessage());
        assertEquals("FactorGraph: factor 0 over variables [0, 1] needs 6 energies, got 4", assertThrows(
                IllegalArgumentException.class, () -> FactorGraph.of(new int[] {2, 3},
                        List.of(Factor.pairwise(0, 1, 0, 0, 0, 0)))).getMessage());
        assertEquals("FactorGraph: factor 0 lists variable 1 twice", assertThrows(IllegalArgumentException.class,
                () -> FactorGraph.of(new int[] {2, 2}, List.of(Factor.pairwise(1, 1, 0, 0, 0, 0)))).getMessage());
        assertEquals("FactorGraph: factor 0 uses variable 2, outside [0, 2)", assertThrows(
                IllegalArgumentException.class, () -> FactorGraph.of(new int[] {2, 2},
                        List.of(Factor.unary(2, 0, 0)))).getMessage());
        assertEquals("FactorGraph: factor 0 has energy NaN at entry 1; energies must be finite or +Infinity "
                + "(forbidden)", assertThrows(IllegalArgumentException.class, () -> FactorGraph.of(new int[] {2},
                        List.of(Factor.unary(0, 0, Double.NaN)))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Factor.unary(0));
        FactorGraph g = FactorGraph.of(new int[] {2}, List.of(Factor.unary(0, 0, 1)));
        assertEquals("FactorGraph.energy: value 2 of variable 0 is outside [0, 2)",
                assertThrows(IllegalArgumentException.class, () -> g.energy(new int[] {2})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> TreeInference.sumProduct(g, 0));
    }

    private static double sum(double[] p) {
        double s = 0;
        for (double v : p) {
            s += v;
        }
        return s;
    }
}
