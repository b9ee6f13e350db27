package org.ebl4j.structured.factor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Loopy min-sum and sum-product: exact on trees, close on weakly coupled grids, damping, image denoising. */
class LoopyBeliefPropagationTest {
    private static final LoopyBeliefPropagation UNDAMPED = new LoopyBeliefPropagation(0, 300, 1e-10);

    @Test
    void onTreesItEqualsTheExactSolver() {
        Random r = new Random(5);
        for (int i = 0; i < 200; i++) {
            FactorGraph g = RandomGraphs.forest(r, 10, 1.5);
            BeliefPropagationResult min = UNDAMPED.minSum(g);
            assertTrue(min.convergence().converged(), "graph " + i + ": " + min.convergence());
            // a flooding schedule settles after as many sweeps as the longest path between two nodes, plus one
            assertTrue(min.convergence().iterations() <= g.variables() + g.factors().size() + 1);
            assertArrayEquals(TreeInference.minSum(g).values(), min.assignment().values(), "graph " + i);
            BeliefPropagationResult sum = UNDAMPED.sumProduct(g, 1.5);
            assertTrue(sum.convergence().converged());
            Beliefs exact = TreeInference.sumProduct(g, 1.5);
            Beliefs bp = sum.beliefs();
            assertEquals(exact.freeEnergy(), bp.freeEnergy(), 1e-9, "graph " + i + ": Bethe = exact F on a tree");
            for (int v = 0; v < g.variables(); v++) {
                assertArrayEquals(exact.variable(v), bp.variable(v), 1e-9);
            }
            for (int f = 0; f < g.factors().size(); f++) {
                assertArrayEquals(exact.factor(f), bp.factor(f), 1e-9);
            }
        }
    }

    @Test
    void onAWeaklyCoupledGridSumProductMarginalsAreCloseToExact() {
        Random r = new Random(6);
        double worst = 0;
        double mean = 0;
        double worstF = 0;
        int graphs = 40;
        for (int i = 0; i < graphs; i++) {
            FactorGraph g = RandomGraphs.isingGrid(r, 3, 3, 0.5, 0.3);
            BruteForce oracle = new BruteForce(g, 1);
            BeliefPropagationResult bp = UNDAMPED.sumProduct(g, 1);
            Convergence c = bp.convergence();
            assertTrue(c.converged() && c.maxChange() <= 1e-10 && c.iterations() > 1 && c.iterations() < 100,
                    c.toString());
            Beliefs b = bp.beliefs();
            for (int v = 0; v < 9; v++) {
                assertEquals(1, b.variable(v)[0] + b.variable(v)[1], 1e-12);
                double err = Math.abs(b.variable(v)[1] - oracle.variables[v][1]);
                worst = Math.max(worst, err);
                mean += err / (9 * graphs);
            }
            worstF = Math.max(worstF, Math.abs(b.freeEnergy() - oracle.freeEnergy));
        }
        System.out.printf("loopy sum-product, 3x3 Ising, |h| < 0.5, |J| < 0.3: marginal error max %.2e mean %.2e, "
                + "|F_Bethe - F| max %.2e%n", worst, mean, worstF);
        assertTrue(worst < 0.01, "worst marginal error " + worst);
        assertTrue(worstF < 0.01, "worst free energy error " + worstF);
    }

    @Test
    void dampingStopsTheOscillationOfMinSumOnStronglyCoupledGrids() {
        // attractive couplings J ~ U(0, 3): undamped flooding min-sum oscillates on some grids, damped does not
        Random r = new Random(7);
        LoopyBeliefPropagation damped = new LoopyBeliefPropagation(0.5, 300, 1e-10);
        int undampedFailures = 0;
        int exact = 0;
        for (int i = 0; i < 50; i++) {
            FactorGraph g = attractiveGrid(r, 3.0);
            Convergence u = UNDAMPED.minSum(g).convergence();
            BeliefPropagationResult d = damped.minSum(g);
            if (!u.converged()) {
                undampedFailures++;
                assertEquals(300, u.iterations());
                assertTrue(u.maxChange() > 1e-3, u.toString());
            }
            assertTrue(d.convergence().converged(), "grid " + i + ": " + d.convergence());
            // a fixed point of min-sum decodes to an assignment that no single flip improves (Weiss & Freeman 2001)
            Assignment a = d.assignment();
            for (int v = 0; v < 9; v++) {
                int[] flipped = a.values();
                flipped[v] = 1 - flipped[v];
                assertTrue(g.energy(flipped) >= a.energy(), "grid " + i + " variable " + v);
            }
            exact += Arrays.equals(new BruteForce(g, 1).argmin, a.values()) ? 1 : 0;
        }
        System.out.println("min-sum on 50 attractive 3x3 grids: undamped failed on " + undampedFailures
                + ", damping 0.5 converged on all, decoding the exact argmin on " + exact);
        assertTrue(exact >= 40, "exact argmin on " + exact);
        assertTrue(undampedFailures >= 3, "undamped failures " + undampedFailures);
    }

    @Test
    void dampingMakesSumProductConvergeOnFrustratedGrids() {
        // spin glass: J ~ U(−3, 3), so that many plaquettes are frustrated
        Random r = new Random(11);
        LoopyBeliefPropagation undamped = new LoopyBeliefPropagation(0, 500, 1e-8);
        LoopyBeliefPropagation damped = new LoopyBeliefPropagation(0.5, 500, 1e-8);
        int onlyDamped = 0;
        int both = 0;
        for (int i = 0; i < 40; i++) {
            FactorGraph g = RandomGraphs.isingGrid(r, 3, 3, 0.3, 3.0);
            boolean u = undamped.sumProduct(g, 1).convergence().converged();
            boolean d = damped.sumProduct(g, 1).convergence().converged();
            assertFalse(u && !d, "grid " + i + " converged undamped but not damped");
            onlyDamped += d && !u ? 1 : 0;
            both += d && u ? 1 : 0;
        }
        System.out.println("sum-product on 40 frustrated 3x3 grids: both converged " + both + ", only damped "
                + onlyDamped);
        assertTrue(onlyDamped >= 4, "damping helped on " + onlyDamped);
    }

    @Test
    void minSumDenoisesABinaryImage() {
        int rows = 32;
        int cols = 32;
        int[] clean = new int[rows * cols];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                boolean disc = (x - 11) * (x - 11) + (y - 12) * (y - 12) < 49;
                boolean bar = x >= 18 && x < 28 && y >= 6 && y < 26;
                clean[y * cols + x] = disc || bar ? 1 : 0;
            }
        }
        double flip = 0.15;
        Random r = new Random(8);
        int[] noisy = clean.clone();
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] = r.nextDouble() < flip ? 1 - noisy[i] : noisy[i];
        }
        // data term: −log p(noisy | x) up to a constant = log((1 − p)/p) · [x ≠ noisy]; Potts smoothness 1·[x ≠ x']
        double data = Math.log((1 - flip) / flip);
        double[] unary = new double[rows * cols * 2];
        for (int i = 0; i < noisy.length; i++) {
            unary[2 * i + 1 - noisy[i]] = data;
        }
        FactorGraph g = FactorGraph.grid(rows, cols, 2, unary, new double[] {0, 1, 1, 0});
        BeliefPropagationResult bp = new LoopyBeliefPropagation(0.5, 200, 1e-8).minSum(g);
        Assignment restored = bp.assignment();
        double noisyError = errorRate(noisy, clean);
        double restoredError = errorRate(restored.values(), clean);
        System.out.printf("denoising 32x32, flip %.2f: error noisy %.4f -> loopy min-sum %.4f, energy %.2f -> %.2f"
                + " (clean %.2f), %s%n", flip, noisyError, restoredError, g.energy(noisy), restored.energy(),
                g.energy(clean), bp.convergence());
        assertTrue(restoredError < noisyError / 3, noisyError + " -> " + restoredError);
        assertTrue(restored.energy() < g.energy(clean));
        assertTrue(bp.convergence().converged(), bp.convergence().toString());
    }

    @Test
    void settingsAndMisuseAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LoopyBeliefPropagation(1, 10, 1e-6));
        assertThrows(IllegalArgumentException.class, () -> new LoopyBeliefPropagation(-0.1, 10, 1e-6));
        assertThrows(IllegalArgumentException.class, () -> new LoopyBeliefPropagation(0, 0, 1e-6));
        assertThrows(IllegalArgumentException.class, () -> new LoopyBeliefPropagation(0, 10, Double.NaN));
        FactorGraph g = RandomGraphs.isingGrid(new Random(9), 2, 2, 1, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> UNDAMPED.minSum(g).beliefs());
        assertTrue(e.getMessage().contains("min-sum"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> UNDAMPED.sumProduct(g, -1));
        double inf = Double.POSITIVE_INFINITY;
        FactorGraph contradiction = FactorGraph.of(new int[] {2, 2}, List.of(Factor.unary(0, inf, inf),
                Factor.pairwise(0, 1, 0, 0, 0, 0)));
        assertThrows(IllegalArgumentException.class, () -> UNDAMPED.minSum(contradiction));
    }

    /** A 3 × 3 binary grid with fields h ~ U(−0.3, 0.3) and attractive couplings J ~ U(0, j). */
    private static FactorGraph attractiveGrid(Random r, double j) {
        int[] cards = new int[9];
        Arrays.fill(cards, 2);
        List<Factor> fs = new ArrayList<>();
        for (int v = 0; v < 9; v++) {
            double h = 0.3 * (2 * r.nextDouble() - 1);
            fs.add(Factor.unary(v, h, -h));
        }
        for (int v = 0; v < 9; v++) {
            if (v % 3 < 2) {
                fs.add(RandomGraphs.coupling(v, v + 1, j * r.nextDouble()));
            }
            if (v < 6) {
                fs.add(RandomGraphs.coupling(v, v + 3, j * r.nextDouble()));
            }
        }
        return FactorGraph.of(cards, fs);
    }

    private static double errorRate(int[] a, int[] b) {
        int wrong = 0;
        for (int i = 0; i < a.length; i++) {
            wrong += a[i] != b[i] ? 1 : 0;
        }
        return wrong / (double) a.length;
    }
}
