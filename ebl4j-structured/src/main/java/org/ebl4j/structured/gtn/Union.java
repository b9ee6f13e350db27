package org.ebl4j.structured.gtn;

/**
 * The union of graphs (gtn's union_): the graphs side by side, their states renumbered in order, start and accept
 * states kept. It accepts (or transduces) what any of them does, each path with its energy in its own graph, so
 * its forward score is F = −log Σ_i exp(−F_i).
 */
public final class Union {
    private Union() {
    }

    public static Graph of(Graph... graphs) {
        if (graphs == null || graphs.length == 0) {
            throw new IllegalArgumentException("union: need at least one graph");
        }
        GraphBuilder out = new GraphBuilder("union", graphs);
        for (int i = 0; i < graphs.length; i++) {
            out.copyArcs(i, out.addStates(graphs[i], true, true));
        }
        return out.build();
    }
}
