package org.ebl4j.structured.gtn;

/**
 * The concatenation of graphs (gtn's concat): if graph i accepts x_i (or transduces x_i:y_i) with energy E_i, the
 * result accepts x_1 x_2 … x_n with energy Σ E_i. Built from the graphs side by side, with an ε arc of energy 0 from
 * every accept state of graph i to every start state of graph i + 1; the start states are those of the first graph,
 * the accept states those of the last. The concatenation of no graph is the one-state graph accepting the empty
 * string.
 */
public final class Concat {
    private Concat() {
    }

    public static Graph of(Graph... graphs) {
        GraphBuilder out = new GraphBuilder("concat", graphs);
        if (graphs.length == 0) {
            out.addState(true, true);
            return out.build();
        }
        int[] first = new int[graphs.length];
        for (int i = 0; i < graphs.length; i++) {
            first[i] = out.addStates(graphs[i], i == 0, i == graphs.length - 1);
            out.copyArcs(i, first[i]);
        }
        for (int i = 0; i + 1 < graphs.length; i++) {
            Graph g = graphs[i];
            Graph h = graphs[i + 1];
            for (int a : g.acceptStates()) {
                for (int s : h.startStates()) {
                    out.arc(first[i] + a, first[i + 1] + s, Graph.EPSILON, Graph.EPSILON);
                }
            }
        }
        return out.build();
    }
}
