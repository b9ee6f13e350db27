package org.ebl4j.structured.gtn;

/**
 * The best path of an acyclic graph as a graph (gtn's viterbiPath): the chain of the arcs of the lowest-energy path
 * from a start to an accept state (tropical-semiring back-pointers, the first path on ties), with their labels and
 * weights. Its arc weights are those of the input arcs (recorded for autodiff), so the forward score of the path
 * graph, its energy, has as gradient the indicator of the path. A graph with no complete path gives the empty graph.
 */
public final class ViterbiPath {
    private ViterbiPath() {
    }

    public static Graph of(Graph g) {
        ShortestDistance.Forward f = ShortestDistance.forward(g, true, "viterbiPath");
        GraphBuilder out = new GraphBuilder("viterbiPath", g);
        if (f.bestAccept() < 0) {
            return out.build();
        }
        int[] path = ShortestDistance.bestPath(g, f);
        for (int k = 0; k <= path.length; k++) {
            out.addState(k == 0, k == path.length);
        }
        for (int k = 0; k < path.length; k++) {
            out.arc(k, k + 1, g.ilabel(path[k]), g.olabel(path[k]));
            out.addParent(0, path[k]);
        }
        return out.build();
    }
}
