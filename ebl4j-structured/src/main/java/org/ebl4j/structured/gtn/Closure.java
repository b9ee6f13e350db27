package org.ebl4j.structured.gtn;

/**
 * The Kleene closure g* (gtn's closure): accepts the empty string (energy 0) and any concatenation x_1 … x_n of
 * strings g accepts, with energy Σ E(x_i). Built from a new state 0, the only start state and accepting, an ε arc of
 * energy 0 from it to each start state of g, g's states and arcs (its accept states kept), and an ε arc of energy 0
 * from each accept state of g back to each of its start states. The result is cyclic: its scores are not computed
 * ({@link ShortestDistance} needs acyclic graphs), but its intersection or composition with an acyclic graph is.
 */
public final class Closure {
    private Closure() {
    }

    public static Graph of(Graph g) {
        GraphBuilder out = new GraphBuilder("closure", g);
        out.addState(true, true);
        out.addStates(g, false, true);
        out.copyArcs(0, 1);
        int[] starts = g.startStates();
        for (int s : starts) {
            out.arc(0, 1 + s, Graph.EPSILON, Graph.EPSILON);
        }
        for (int a : g.acceptStates()) {
            for (int s : starts) {
                out.arc(1 + a, 1 + s, Graph.EPSILON, Graph.EPSILON);
            }
        }
        return out.build();
    }
}
