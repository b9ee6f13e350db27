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

/** Composition and intersection: a hand example, a brute-force oracle with epsilons, and gradients. */
class ComposeTest {
    @Test
    void handComposedTransducers() {
        // a: x:1/1 then x:2/2 (two arcs 0 -> 1), b: 1:y/0.5, 2:z/0.25, 3:w/9 (arcs 0 -> 1)
        GraphBuilder ab = new GraphBuilder();
        ab.addState(true, false);
        ab.addState(false, true);
        ab.addArc(0, 1, 7, 1, 1f);
        ab.addArc(0, 1, 7, 2, 2f);
        GraphBuilder bb = new GraphBuilder();
        bb.addState(true, false);
        bb.addState(false, true);
        bb.addArc(0, 1, 1, 10, 0.5f);
        bb.addArc(0, 1, 2, 20, 0.25f);
        bb.addArc(0, 1, 3, 30, 9f);
        Graph c = Compose.compose(ab.build(), bb.build());
        assertEquals(2, c.states());
        assertEquals(2, c.arcs());
        List<String> arcs = new ArrayList<>();
        for (int k = 0; k < c.arcs(); k++) {
            arcs.add(c.src(k) + ">" + c.dst(k) + " " + c.ilabel(k) + ":" + c.olabel(k) + "/" + c.weight(k));
        }
        arcs.sort(null);
        assertEquals(List.of("0>1 7:10/1.5", "0>1 7:20/2.25"), arcs);
        assertTrue(c.isStart(0) && c.isAccept(1) && !c.isAccept(0));
    }

    @Test
    void intersectionKeepsCommonStringsWithSummedEnergies() {
        // a accepts "01"/1 and "02"/2; b accepts "01"/3 and "1"/5: the intersection accepts only "01"/4
        GraphBuilder ab = new GraphBuilder();
        for (int s = 0; s < 3; s++) {
            ab.addState(s == 0, s == 2);
        }
        ab.addArc(0, 1, 0, 1f);
        ab.addArc(1, 2, 1, 0f);
        ab.addArc(1, 2, 2, 1f);
        GraphBuilder bb = new GraphBuilder();
        for (int s = 0; s < 3; s++) {
            bb.addState(s == 0, s == 2);
        }
        bb.addArc(0, 1, 0, 1f);
        bb.addArc(1, 2, 1, 2f);
        bb.addArc(0, 2, 1, 5f);
        Graph c = Compose.intersect(ab.build(), bb.build());
        List<Paths.Path> paths = Paths.enumerate(c);
        assertEquals(1, paths.size());
        assertEquals("[0, 1]:[0, 1]", paths.get(0).strings());
        assertEquals(4, paths.get(0).energy(), 1e-6);
        // the arc 1 -2-> 2 of a and its target state match nothing: trimmed away
        assertEquals(3, c.states());
        assertEquals(2, c.arcs());
    }

    @Test
    void composeEqualsBruteForceOverPathPairsWithEpsilons() {
        Rng rng = new Rng(4);
        for (int trial = 0; trial < 40; trial++) {
            Graph a = Paths.randomDag(rng, 3 + rng.nextInt(4), 3 + rng.nextInt(7), 3, 0.3, true);
            Graph b = Paths.randomDag(rng, 3 + rng.nextInt(4), 3 + rng.nextInt(7), 3, 0.3, true);
            List<Paths.Path> expected = new ArrayList<>();
            for (Paths.Path p : Paths.enumerate(a)) {
                for (Paths.Path q : Paths.enumerate(b)) {
                    if (p.out().equals(q.in())) {
                        expected.add(new Paths.Path(null, p.in(), q.out(), p.energy() + q.energy()));
                    }
                }
            }
            Graph c = Compose.compose(a, b);
            assertEquals(Paths.signature(expected), Paths.signature(Paths.enumerate(c)), "trial " + trial
                    + "\na = " + a + "\nb = " + b + "\ncompose = " + c);
            assertEquals(0, c.states() - countUseful(c), "trimmed");
        }
    }

    private static int countUseful(Graph g) {
        int n = 0;
        for (boolean u : g.useful(true, true)) {
            n += u ? 1 : 0;
        }
        return n;
    }

    @Test
    void gradientsFlowThroughComposeToBothOperands() {
        Rng rng = new Rng(5);
        for (int trial = 0; trial < 3; trial++) {
            Graph a = Paths.randomDag(rng, 5, 10, 2, 0.2, true);
            Graph b = Paths.randomDag(rng, 5, 10, 2, 0.2, true);
            if (Paths.enumerate(Compose.compose(a, b)).isEmpty()) {
                continue;
            }
            GradCheck.Result r = GradCheck.check(x -> ShortestDistance.forwardScore(Compose.compose(
                    a.withWeights(x[0]), b.withWeights(x[1]))), copy(a), copy(b));
            assertTrue(r.passed(), r.toString());
        }
    }

    private static Tensor copy(Graph g) {
        return g.weights().detach().contiguousCopy();
    }

    @Test
    void intersectRejectsTransducers() {
        GraphBuilder b = new GraphBuilder();
        b.addState(true, true);
        b.addArc(0, 0, 1, 2, 0f);
        Graph t = b.build();
        assertThrows(IllegalArgumentException.class, () -> Compose.intersect(t, Graph.chain(1)));
    }
}
