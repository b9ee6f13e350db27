package org.ebl4j.unsupervised.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ebl4j.kernel.Threads;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SparseInferenceTest {
    static final int DIM = 32;
    static final int ATOMS = 64;
    static final int ROWS = 100;
    static final double LAMBDA = 0.5;

    static SparseCodingEnergy energy() {
        return new SparseCodingEnergy(DIM, ATOMS, LAMBDA, new Rng(11));
    }

    static Tensor data() {
        return new Rng(12).normal(0f, 1f, ROWS, DIM);
    }

    /** ½‖Y − W Z‖² + λ|Z|₁ averaged over rows, computed directly in double. */
    static double objective(Tensor w, Tensor y, Tensor z, double lambda) {
        int d = w.shape(0);
        int k = w.shape(1);
        int n = y.shape(0);
        float[] wv = w.toArray();
        float[] yv = y.toArray();
        float[] zv = z.toArray();
        double total = 0;
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < d; i++) {
                double rec = 0;
                for (int j = 0; j < k; j++) {
                    rec += (double) wv[i * k + j] * zv[r * k + j];
                }
                double res = yv[r * d + i] - rec;
                total += 0.5 * res * res;
            }
            for (int j = 0; j < k; j++) {
                total += lambda * Math.abs(zv[r * k + j]);
            }
        }
        return total / n;
    }

    @Test
    void fistaIsNeverBehindIstaOverTheFirstFiftyIterations() {
        SparseCodingEnergy e = energy();
        Tensor y = data();
        double[] ista = new Ista(50, 0).infer(e, y, null).objective();
        double[] fista = new Fista(50, 0).infer(e, y, null).objective();
        assertEquals(51, ista.length);
        assertEquals(51, fista.length);
        for (int k = 1; k <= 50; k++) {
            assertTrue(fista[k] <= ista[k] + 1e-9 * Math.abs(ista[k]),
                    "iteration " + k + ": FISTA " + fista[k] + " > ISTA " + ista[k]);
        }
        // ISTA decreases monotonically; FISTA is strictly ahead once the momentum builds up
        for (int k = 1; k <= 50; k++) {
            assertTrue(ista[k] <= ista[k - 1] + 1e-9 * Math.abs(ista[k - 1]), "ISTA rose at iteration " + k);
        }
        double min = new CoordinateDescent(1000, 0).infer(e, y, null).finalObjective();
        assertTrue((fista[50] - min) < 0.1 * (ista[50] - min),
                "after 50 iterations FISTA's gap " + (fista[50] - min) + " vs ISTA's " + (ista[50] - min));
    }

    @Test
    void allThreeSolversReachTheSameMinimumAndTheReportedObjectiveIsTheTrueOne() {
        SparseCodingEnergy e = energy();
        Tensor y = data();
        List<SparseCode> codes = List.of(new Ista(3000, 0).infer(e, y, null), new Fista(1000, 0).infer(e, y, null),
                new CoordinateDescent(1000, 0).infer(e, y, null));
        double reference = objective(e.dictionary(), y, codes.get(2).codes(), LAMBDA);
        for (SparseCode c : codes) {
            double direct = objective(e.dictionary(), y, c.codes(), LAMBDA);
            assertEquals(direct, c.finalObjective(), 1e-5 * direct, "reported objective");
            assertEquals(reference, direct, 1e-4 * reference, "minimum");
            assertEquals(direct, e.energy(null, c.codes(), y).mean().item(), 1e-5 * direct, "energy()");
        }
    }

    @Test
    void theMinimiserMeetsTheL1OptimalityConditions() {
        SparseCodingEnergy e = energy();
        Tensor y = data();
        for (SparseInference solver : List.of(new Fista(2000, 0), new CoordinateDescent(1000, 0))) {
            Tensor z = solver.infer(e, y, null).codes();
            // g = Wᵀ(Y − W Z): |g_j| ≤ λ where z_j = 0, g_j = λ sign(z_j) elsewhere
            float[] g = y.sub(z.matmul(e.dictionary().t())).matmul(e.dictionary()).toArray();
            float[] zv = z.toArray();
            int active = 0;
            for (int i = 0; i < zv.length; i++) {
                if (zv[i] == 0) {
                    assertTrue(Math.abs(g[i]) <= LAMBDA + 2e-3, solver + ": |g| = " + Math.abs(g[i]) + " at a zero");
                } else {
                    active++;
                    assertEquals(LAMBDA * Math.signum(zv[i]), g[i], 2e-3, solver + ": gradient at an active atom");
                }
            }
            assertTrue(active > ROWS && active < ROWS * ATOMS / 2, "the code is sparse but not empty: " + active);
        }
    }

    @Test
    void anOrthonormalDictionaryGivesTheSoftThresholdedCorrelations() {
        // W = the first 4 coordinates of an orthonormal basis rotated in the (0,1) plane: Z* = h_λ(Wᵀ Y)
        double c = Math.cos(0.3);
        double s = Math.sin(0.3);
        Tensor w = Tensor.matrix(new float[][] {
            {(float) c, (float) -s, 0, 0}, {(float) s, (float) c, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}});
        SparseCodingEnergy e = new SparseCodingEnergy(w, 0.4);
        assertEquals(1.0, e.lipschitz(), 1e-6);
        Tensor y = new Rng(3).normal(0f, 1f, 7, 4);
        float[] corr = y.matmul(w).toArray();
        for (SparseInference solver : List.of(new Ista(5, 0), new Fista(5, 0), new CoordinateDescent(5, 0))) {
            float[] z = solver.infer(e, y, null).codes().toArray();
            for (int i = 0; i < z.length; i++) {
                float expected = Math.signum(corr[i]) * Math.max(Math.abs(corr[i]) - 0.4f, 0f);
                assertEquals(expected, z[i], 1e-5, solver + " element " + i);
            }
        }
    }

    @Test
    void theLipschitzConstantIsTheLargestEigenvalueOfTheGramMatrix() {
        // W = U diag(3, 2, 0.5) with orthonormal columns U: λ_max(WᵀW) = 9
        Tensor w = Tensor.matrix(new float[][] {{3, 0, 0}, {0, 0, 0.5f}, {0, 2, 0}, {0, 0, 0}});
        assertEquals(9.0, new SparseCodingEnergy(w, 1).lipschitz(), 1e-6);
        SparseCodingEnergy e = energy();
        double l = e.lipschitz();
        Tensor v = new Rng(5).normal(0f, 1f, ATOMS, 20);
        float[] ratio = e.dictionary().matmul(v).square().sum(0, false).div(v.square().sum(0, false)).toArray();
        for (float r : ratio) {
            assertTrue(r <= l * (1 + 1e-5), "Rayleigh quotient " + r + " above L = " + l);
        }
    }

    @Test
    void toleranceStopsEarlyAndWarmStartsFromTheMinimumStayThere() {
        SparseCodingEnergy e = energy();
        Tensor y = data();
        SparseCode loose = new Fista(1000, 1e-6).infer(e, y, null);
        assertTrue(loose.converged() && loose.iterations() < 1000, "stopped after " + loose.iterations());
        SparseCode exact = new CoordinateDescent(1000, 0).infer(e, y, null);
        SparseCode warm = new Ista(3, 0).infer(e, y, exact.codes());
        assertEquals(exact.finalObjective(), warm.objective()[0], 1e-6 * exact.finalObjective());
        assertEquals(exact.finalObjective(), warm.finalObjective(), 1e-6 * exact.finalObjective());
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        // 3500 rows x 64 atoms: enough work for the element-wise passes to split over three threads
        SparseCodingEnergy e = new SparseCodingEnergy(16, 64, 0.3, new Rng(2));
        Tensor y = new Rng(4).normal(0f, 1f, 3500, 16);
        int before = Threads.count();
        try {
            for (SparseInference solver : List.of(new Fista(30, 0), new CoordinateDescent(10, 0))) {
                Threads.set(1);
                SparseCode one = solver.infer(e, y, null);
                Threads.set(3);
                SparseCode three = solver.infer(e, y, null);
                assertArrayEquals(one.codes().toArray(), three.codes().toArray(), solver.toString());
                assertArrayEquals(one.objective(), three.objective(), solver.toString());
            }
        } finally {
            Threads.set(before);
        }
    }

    @Test
    void badSettingsAndShapesAreRejectedWithClearMessages() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Fista(0, 0)).getMessage()
                .contains("maxIterations must be >= 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Ista(10, -1)).getMessage()
                .contains("tolerance must be a finite number >= 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CoordinateDescent(10, Double.NaN))
                .getMessage().contains("tolerance"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SparseCodingEnergy(4, 8, -0.1, new Rng(1)))
                .getMessage().contains("lambda must be a finite number >= 0"));
        SparseCodingEnergy e = energy();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Fista(5, 0).infer(e,
                Tensor.zeros(3, DIM + 1), null)).getMessage().contains("[N, " + DIM + "]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Fista(5, 0).infer(e, Tensor.zeros(3, DIM),
                Tensor.zeros(3, ATOMS - 1))).getMessage().contains("[3, " + ATOMS + "]"));
    }
}
