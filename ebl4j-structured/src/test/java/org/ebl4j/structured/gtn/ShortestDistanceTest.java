package org.ebl4j.structured.gtn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.structured.semiring.LogSemiring;
import org.ebl4j.structured.semiring.NBestSemiring;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Forward and Viterbi scores against enumerated paths, their gradients, and the Viterbi path. */
class ShortestDistanceTest {
    @Test
    void scoresEqualBruteForceOverPathsOfRandomDags() {
        Rng rng = new Rng(1);
        for (int trial = 0; trial < 40; trial++) {
            Graph g = Paths.randomDag(rng, 3 + rng.nextInt(5), 4 + rng.nextInt(12), 3, 0.2, false);
            List<Paths.Path> paths = Paths.enumerate(g);
            double free = Paths.freeEnergy(paths);
            double min = paths.stream().mapToDouble(Paths.Path::energy).min().orElse(Double.POSITIVE_INFINITY);
            assertEquals(free, ShortestDistance.forwardScore(g).item(), 1e-5 * Math.max(1, Math.abs(free)),
                    "forward score, trial " + trial + "\n" + g);
            assertEquals(min, ShortestDistance.viterbiScore(g).item(), 1e-5 * Math.max(1, Math.abs(min)),
                    "viterbi score, trial " + trial);
            assertEquals(free, ShortestDistance.score(g, LogSemiring.INSTANCE).item(), 1e-5 * Math.max(1,
                    Math.abs(free)));
        }
    }

    @Test
    void forwardGradientIsArcPosteriorAndPassesFiniteDifferences() {
        Rng rng = new Rng(2);
        for (int trial = 0; trial < 5; trial++) {
            Graph g = Paths.randomDag(rng, 6, 14, 3, 0.2, false);
            List<Paths.Path> paths = Paths.enumerate(g);
            if (paths.isEmpty()) {
                continue;
            }
            // the posterior of an arc: Σ over paths through it of exp(F − E(path))
            double free = Paths.freeEnergy(paths);
            float[] posterior = new float[g.arcs()];
            for (Paths.Path p : paths) {
                for (int a : p.arcs()) {
                    posterior[a] += (float) Math.exp(free - p.energy());
                }
            }
            Tensor w = g.weights().detach().contiguousCopy().requiresGrad(true);
            assertArrayEquals(posterior, Autodiff.grad(ShortestDistance.forwardScore(g.withWeights(w)), w).toArray(),
                    1e-5f);
            GradCheck.Result r = GradCheck.check(x -> ShortestDistance.forwardScore(g.withWeights(x[0])),
                    g.weights().detach().contiguousCopy());
            assertTrue(r.passed(), r.toString());
        }
    }

    @Test
    void viterbiGradientIsBestPathIndicatorAwayFromTies() {
        Rng rng = new Rng(3);
        int checked = 0;
        for (int trial = 0; trial < 20 && checked < 5; trial++) {
            Graph g = Paths.randomDag(rng, 6, 14, 3, 0.2, false);
            List<Paths.Path> paths = Paths.enumerate(g);
            paths.sort(Comparator.comparingDouble(Paths.Path::energy));
            if (paths.size() < 2 || paths.get(1).energy() - paths.get(0).energy() < 0.1) {
                continue; // a near tie: the finite difference straddles a kink
            }
            checked++;
            float[] indicator = new float[g.arcs()];
            for (int a : paths.get(0).arcs()) {
                indicator[a] = 1;
            }
            Tensor w = g.weights().detach().contiguousCopy().requiresGrad(true);
            assertArrayEquals(indicator, Autodiff.grad(ShortestDistance.viterbiScore(g.withWeights(w)), w).toArray());
            GradCheck.Result r = GradCheck.check(x -> ShortestDistance.viterbiScore(g.withWeights(x[0])),
                    g.weights().detach().contiguousCopy());
            assertTrue(r.passed(), r.toString());
            Graph best = ViterbiPath.of(g);
            List<Paths.Path> only = Paths.enumerate(best);
            assertEquals(1, only.size());
            assertEquals(paths.get(0).strings(), only.get(0).strings());
            assertEquals(paths.get(0).energy(), only.get(0).energy(), 1e-5);
            assertArrayEquals(indicator, Autodiff.grad(ShortestDistance.forwardScore(ViterbiPath.of(g.withWeights(w))),
                    w).toArray());
        }
        assertEquals(5, checked);
    }

    @Test
    void handComputedChain() {
        // 0 -a/1-> 1 -b/2-> 2 and 0 -c/4-> 2: F = −log(e^−3 + e^−4), min = 3 via a, b
        GraphBuilder b = new GraphBuilder();
        b.addState(true, false);
        b.addState(false, false);
        b.addState(false, true);
        b.addArc(0, 1, 0, 1f);
        b.addArc(1, 2, 1, 2f);
        b.addArc(0, 2, 2, 4f);
        Graph g = b.build();
        assertEquals(-Math.log(Math.exp(-3) + Math.exp(-4)), ShortestDistance.forwardScore(g).item(), 1e-6);
        assertEquals(3f, ShortestDistance.viterbiScore(g).item());
        Graph path = ViterbiPath.of(g);
        assertEquals(2, path.arcs());
        assertEquals(0, path.ilabel(0));
        assertEquals(1, path.ilabel(1));
        // a start state that is also accepting: the empty path has energy 0
        GraphBuilder e = new GraphBuilder();
        e.addState(true, true);
        assertEquals(0f, ShortestDistance.forwardScore(e.build()).item());
    }

    @Test
    void noPathGivesInfinityAndZeroGradient() {
        GraphBuilder b = new GraphBuilder();
        b.addState(true, false);
        b.addState(false, false);
        b.addState(false, true);
        b.addArc(0, 1, 0, 1f);
        Graph g = b.build();
        Tensor w = g.weights().detach().contiguousCopy().requiresGrad(true);
        Tensor f = ShortestDistance.forwardScore(g.withWeights(w));
        assertEquals(Float.POSITIVE_INFINITY, f.item());
        assertArrayEquals(new float[] {0}, Autodiff.grad(f, w).toArray());
        assertEquals(0, ViterbiPath.of(g).arcs());
    }

    @Test
    void rejectsCyclesAndOtherSemirings() {
        GraphBuilder b = new GraphBuilder();
        b.addState(true, false);
        b.addState(false, true);
        b.addArc(0, 1, 0, 1f);
        b.addArc(1, 0, 0, 1f);
        Graph g = b.build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShortestDistance.forwardScore(g));
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ShortestDistance.score(Graph.chain(1),
                new NBestSemiring(2)));
        assertThrows(IllegalArgumentException.class, () -> b.addArc(0, 5, 0, 1f));
        assertThrows(IllegalArgumentException.class, () -> b.addArc(0, 1, -2, 1f));
        assertThrows(IllegalArgumentException.class, () -> b.addArc(0, 1, 0, Float.NaN));
    }
}
