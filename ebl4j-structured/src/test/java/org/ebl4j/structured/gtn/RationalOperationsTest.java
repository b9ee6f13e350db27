package org.ebl4j.structured.gtn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Union, concatenation, closure and epsilon removal against what they must accept, and their gradients. */
class RationalOperationsTest {
    /** The acceptor of one string with energy e on its first arc. */
    private static Graph word(float e, int... labels) {
        GraphBuilder b = new GraphBuilder();
        for (int t = 0; t <= labels.length; t++) {
            b.addState(t == 0, t == labels.length);
        }
        for (int t = 0; t < labels.length; t++) {
            b.addArc(t, t + 1, labels[t], t == 0 ? e : 0f);
        }
        return b.build();
    }

    private static float forward(Graph g) {
        return ShortestDistance.forwardScore(g).item();
    }

    @Test
    void unionAcceptsEitherAndSoftMinsScores() {
        Graph u = Union.of(word(1f, 0, 1), word(2f, 2), word(3f, 0, 1));
        List<String> accepted = new ArrayList<>(Paths.signature(Paths.enumerate(u)));
        assertEquals(List.of("[0, 1]:[0, 1]/10000", "[0, 1]:[0, 1]/30000", "[2]:[2]/20000"), accepted);
        assertEquals(-Math.log(Math.exp(-1) + Math.exp(-2) + Math.exp(-3)), forward(u), 1e-6);
        assertThrows(IllegalArgumentException.class, Union::of);
    }

    @Test
    void concatAcceptsConcatenationWithSummedEnergy() {
        Graph c = Concat.of(Union.of(word(1f, 0), word(2f, 1)), word(0.5f, 2, 2));
        assertEquals(List.of("[0, 2, 2]:[0, 2, 2]/15000", "[1, 2, 2]:[1, 2, 2]/25000"),
                Paths.signature(Paths.enumerate(c)));
        Graph none = Concat.of();
        assertEquals(1, none.states());
        assertEquals(0f, forward(none));
    }

    @Test
    void closureAcceptsEmptyStringAndRepetitions() {
        Graph star = Closure.of(Union.of(word(1.5f, 0, 1), word(0.25f, 2)));
        assertEquals(0f, forward(Compose.intersect(Graph.chain(), star)));
        assertEquals(1.5f, forward(Compose.intersect(Graph.chain(0, 1), star)), 1e-6);
        assertEquals(3.25f, forward(Compose.intersect(Graph.chain(0, 1, 2, 0, 1), star)), 1e-6);
        assertEquals(0.75f, forward(Compose.intersect(Graph.chain(2, 2, 2), star)), 1e-6);
        assertEquals(Float.POSITIVE_INFINITY, forward(Compose.intersect(Graph.chain(0), star)));
        assertEquals(Float.POSITIVE_INFINITY, forward(Compose.intersect(Graph.chain(1, 0), star)));
        assertThrows(IllegalArgumentException.class, () -> forward(star));
    }

    @Test
    void gradientsFlowThroughConcatUnionAndClosure() {
        Graph a = word(1f, 0, 1);
        Graph b = Union.of(word(2f, 2), word(0.5f, 2));
        GradCheck.Result r = GradCheck.check(x -> ShortestDistance.forwardScore(Concat.of(a.withWeights(x[0]),
                b.withWeights(x[1]), a.withWeights(x[0]))), copy(a), copy(b));
        assertTrue(r.passed(), r.toString());
        Graph target = Graph.chain(0, 1, 2, 0, 1);
        GradCheck.Result s = GradCheck.check(x -> ShortestDistance.forwardScore(Compose.intersect(target,
                Closure.of(Union.of(a.withWeights(x[0]), b.withWeights(x[1]))))), copy(a), copy(b));
        assertTrue(s.passed(), s.toString());
    }

    private static Tensor copy(Graph g) {
        return g.weights().detach().contiguousCopy();
    }

    @Test
    void removeEpsilonKeepsEveryPathAndEnergy() {
        Rng rng = new Rng(6);
        for (int trial = 0; trial < 40; trial++) {
            Graph g = Paths.randomDag(rng, 3 + rng.nextInt(5), 3 + rng.nextInt(10), 3, 0.4, false);
            Graph r = RemoveEpsilon.of(g);
            assertEquals(Paths.signature(Paths.enumerate(g)), Paths.signature(Paths.enumerate(r)), "trial " + trial
                    + "\n" + g + "\n" + r);
            for (int k = 0; k < r.arcs(); k++) {
                if (r.ilabel(k) == Graph.EPSILON) {
                    assertTrue(r.isStart(r.src(k)) && r.isAccept(r.dst(k)), "an epsilon arc left: " + r);
                }
            }
        }
        Graph g = Paths.randomDag(new Rng(7), 6, 12, 2, 0.4, false);
        GradCheck.Result res = GradCheck.check(x -> ShortestDistance.forwardScore(RemoveEpsilon.of(
                g.withWeights(x[0]))), copy(g));
        assertTrue(res.passed(), res.toString());
    }

    @Test
    void removeEpsilonRejectsEpsilonCycles() {
        GraphBuilder b = new GraphBuilder();
        b.addState(true, false);
        b.addState(false, true);
        b.addArc(0, 1, Graph.EPSILON, 0f);
        b.addArc(1, 0, Graph.EPSILON, 0f);
        Graph g = b.build();
        assertThrows(IllegalArgumentException.class, () -> RemoveEpsilon.of(g));
    }
}
