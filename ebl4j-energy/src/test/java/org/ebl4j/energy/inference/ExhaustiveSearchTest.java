package org.ebl4j.energy.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.energy.DiscreteEnergy;
import org.ebl4j.energy.Energy;
import org.ebl4j.energy.analytic.GaussianEnergy;
import org.ebl4j.nn.Linear;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ExhaustiveSearchTest {
    /** E(W, k, X) = (W X + b)_k: one energy per label from a linear layer. */
    static final class LinearLabels extends DiscreteEnergy {
        private final Linear layer;
        private final int k;

        LinearLabels(int in, int k, Rng rng) {
            this.layer = child("layer", new Linear(in, k, rng));
            this.k = k;
        }

        @Override
        public int answers() {
            return k;
        }

        @Override
        public Tensor energies(Tensor x) {
            return layer.forward(x);
        }
    }

    /** E(Y, X) = |Y − X|² over rows [B, d]. */
    static final class SquaredDistance extends Energy {
        @Override
        public Tensor energy(Tensor x, Tensor y) {
            return y.sub(x).square().sum(1, false);
        }
    }

    @Test
    void findsTheLabelOfLowestEnergyForEverySample() {
        LinearLabels e = new LinearLabels(4, 7, new Rng(1));
        Tensor x = new Rng(2).normal(0f, 1f, 9, 4);
        float[] all = e.energies(x).toArray();
        InferenceResult r = new ExhaustiveSearch().infer(e, x);
        float[] y = r.y().toArray();
        float[] en = r.energy().toArray();
        assertArrayEquals(new int[] {9}, r.y().shape());
        for (int b = 0; b < 9; b++) {
            int best = 0;
            for (int k = 1; k < 7; k++) {
                best = all[b * 7 + k] < all[b * 7 + best] ? k : best;
            }
            assertEquals(best, y[b], 0f, "sample " + b);
            assertEquals(all[b * 7 + best], en[b], 0f);
        }
        assertArrayEquals(en, e.energy(x, r.y()).toArray(), 0f, "E(Y*) is the energy of the returned labels");
        assertEquals(7.0, r.diagnostics().get("candidates"));
        assertNull(r.y().gradFn());
        assertNull(r.energy().gradFn());
        assertFalse(r.energy().requiresGrad(), "inference records no graph");
    }

    @Test
    void findsTheNearestCandidateForEverySampleWhateverTheChunkSize() {
        // candidates: the integer grid {−3..3}², energy |Y − X|²: Y* is X rounded to the grid (clamped)
        float[] grid = new float[49 * 2];
        for (int i = 0; i < 49; i++) {
            grid[2 * i] = i / 7 - 3;
            grid[2 * i + 1] = i % 7 - 3;
        }
        Tensor candidates = Tensor.of(grid, 49, 2);
        Tensor x = Tensor.of(new float[] {0.2f, 0.7f, -2.6f, 1.4f, 5f, -9f, 2.45f, -0.55f, -0.4f, -1.6f}, 5, 2);
        float[] want = {0, 1, -3, 1, 3, -3, 2, -1, 0, -2};
        for (int chunk : new int[] {1, 7, 48, 50, 4096}) {
            InferenceResult r = new ExhaustiveSearch(candidates, chunk).infer(new SquaredDistance(), x);
            assertArrayEquals(want, r.y().toArray(), 0f, "chunk " + chunk);
            assertArrayEquals(new SquaredDistance().energy(x, r.y()).toArray(), r.energy().toArray(), 1e-6f);
            assertEquals(49.0, r.diagnostics().get("candidates"));
        }
    }

    @Test
    void withoutAnInputFindsTheGlobalMinimiserAmongTheCandidates() {
        GaussianEnergy g = new GaussianEnergy(new float[] {0.3f, -0.8f}, new float[][] {{1f, 0.5f}, {0.5f, 1f}});
        Tensor candidates = new Rng(3).uniform(-2f, 2f, 500, 2);
        InferenceResult r = new ExhaustiveSearch(candidates, 64).infer(g, null);
        assertArrayEquals(new int[] {1, 2}, r.y().shape());
        float[] all = g.energy(null, candidates).toArray();
        float min = Float.POSITIVE_INFINITY;
        for (float v : all) {
            min = Math.min(min, v);
        }
        assertEquals(min, r.energy().item(), 0f);
        assertTrue(min < 0.05f, "a candidate lies near μ");
    }

    @Test
    void rejectsAContinuousEnergyWithoutCandidatesAndBadSettings() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> new ExhaustiveSearch().infer(new SquaredDistance(), Tensor.zeros(2, 2)));
        assertTrue(ex.getMessage().contains("not a DiscreteEnergy") && ex.getMessage().contains("candidate"),
                ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ExhaustiveSearch(null));
        assertThrows(IllegalArgumentException.class, () -> new ExhaustiveSearch(Tensor.scalar(1f)));
        assertThrows(IllegalArgumentException.class, () -> new ExhaustiveSearch(Tensor.zeros(3, 2), 0));
        assertThrows(IllegalArgumentException.class, () -> new ExhaustiveSearch().infer(null, Tensor.zeros(2, 2)));
    }
}
