package org.ebl4j.structured.gtn;

/**
 * Epsilon removal that keeps every path and its energy (gtn's remove does not carry weights or gradients; this
 * does): each path of g is a sequence of segments "ε ε … ε x" (x a non-ε arc) and possibly a final run of ε arcs,
 * and the result has, for each state s and each ε-path from s followed by a non-ε arc x, one arc s → dst(x) with
 * x's labels and the summed energy of the segment. A segment followed by a non-empty ε-path to an accept state ends
 * the path: it becomes an arc into a new accept state that has no out-arcs, so no path is counted twice. An ε-arc
 * is one with ε on both sides. Paths made of ε arcs only (the empty string, accepted with a non-zero energy) cannot
 * be written without ε: each becomes one ε arc from a new start state with no in-arcs to that new accept state, the
 * only ε arcs of the result. States left off every path are trimmed.
 *
 * <p>Supported when the ε arcs form no cycle (else infinitely many paths: IllegalArgumentException). The number of
 * arcs grows with the number of ε-paths, which is exponential in the worst case. Each arc's weight is the sum of its
 * segment's arc weights, recorded for autodiff.
 */
public final class RemoveEpsilon {
    private RemoveEpsilon() {
    }

    public static Graph of(Graph g) {
        checkAcyclic(g);
        Removal r = new Removal(g);
        int[] chain = new int[2 * g.states() + 2];
        for (int s = 0; s < g.states(); s++) {
            r.visit(s, s, chain, 0);
        }
        return r.out.build(true, true);
    }

    private static boolean isEpsilon(Graph g, int a) {
        return g.ilabel(a) == Graph.EPSILON && g.olabel(a) == Graph.EPSILON;
    }

    /** Kahn's algorithm on the ε arcs alone. */
    private static void checkAcyclic(Graph g) {
        int[] indegree = new int[g.states()];
        for (int a = 0; a < g.arcs(); a++) {
            if (isEpsilon(g, a)) {
                indegree[g.dst(a)]++;
            }
        }
        int[] queue = new int[g.states()];
        int tail = 0;
        for (int s = 0; s < g.states(); s++) {
            if (indegree[s] == 0) {
                queue[tail++] = s;
            }
        }
        Graph.Adjacency out = g.out();
        for (int head = 0; head < tail; head++) {
            int s = queue[head];
            for (int j = out.offsets()[s]; j < out.offsets()[s + 1]; j++) {
                int a = out.arcs()[j];
                if (isEpsilon(g, a) && --indegree[g.dst(a)] == 0) {
                    queue[tail++] = g.dst(a);
                }
            }
        }
        if (tail < g.states()) {
            throw new IllegalArgumentException("removeEpsilon: the epsilon arcs form a cycle (infinitely many paths)");
        }
    }

    /** The search of ε-paths, writing the result's arcs. */
    private static final class Removal {
        final Graph g;
        final GraphBuilder out;
        final Graph.Adjacency adj;
        int end = -1;
        int emptyStart = -1;

        Removal(Graph g) {
            this.g = g;
            this.out = new GraphBuilder("removeEpsilon", g);
            this.adj = g.out();
            out.addStates(g, true, true);
        }

        /** The new accept state with no out-arcs, added on first use. */
        int end() {
            if (end < 0) {
                end = out.addState(false, true);
            }
            return end;
        }

        /** A new start state with no in-arcs, for the paths of ε arcs only (added on first use). */
        int emptyStart() {
            if (emptyStart < 0) {
                emptyStart = out.addState(true, false);
            }
            return emptyStart;
        }

        /** Extends the ε-path {@code chain[0, length)} from {@code s}, now at state {@code r}. */
        void visit(int s, int r, int[] chain, int length) {
            if (length > 0 && g.isStart(s) && g.isAccept(r)) {
                out.arc(emptyStart(), end(), Graph.EPSILON, Graph.EPSILON);
                addParents(chain, length);
            }
            for (int j = adj.offsets()[r]; j < adj.offsets()[r + 1]; j++) {
                int a = adj.arcs()[j];
                if (isEpsilon(g, a)) {
                    chain[length] = a;
                    visit(s, g.dst(a), chain, length + 1);
                } else {
                    chain[length] = a;
                    out.arc(s, g.dst(a), g.ilabel(a), g.olabel(a));
                    addParents(chain, length + 1);
                    finish(s, a, g.dst(a), chain, length + 1, false);
                }
            }
        }

        /**
         * Extends a segment {@code chain[0, length)} from {@code s} ending with the non-ε arc x by ε arcs from
         * {@code r}: each non-empty run that reaches an accept state gives an arc into the end state.
         */
        void finish(int s, int x, int r, int[] chain, int length, boolean extended) {
            if (extended && g.isAccept(r)) {
                out.arc(s, end(), g.ilabel(x), g.olabel(x));
                addParents(chain, length);
            }
            for (int j = adj.offsets()[r]; j < adj.offsets()[r + 1]; j++) {
                int a = adj.arcs()[j];
                if (isEpsilon(g, a)) {
                    chain[length] = a;
                    finish(s, x, g.dst(a), chain, length + 1, true);
                }
            }
        }

        private void addParents(int[] chain, int length) {
            for (int k = 0; k < length; k++) {
                out.addParent(0, chain[k]);
            }
        }
    }
}
