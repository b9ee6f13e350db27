package org.ebl4j.structured.factor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.ebl4j.structured.semiring.LogSemiring;
import org.ebl4j.structured.semiring.TropicalSemiring;

/**
 * Exact inference on a {@link FactorGraph} whose variable-factor graph is a tree or a forest, by two-pass message
 * passing ({@link Messages}; Pearl 1988, Kschischang, Frey &amp; Loeliger 2001), the chain's dynamic programs
 * generalised to trees (LeCun et al. 2006, §6). Each connected part is rooted at its first variable; the upward
 * pass sends messages from the leaves to the roots, the downward pass back out.
 * <ul>
 *   <li>{@link #minSum}: the upward pass in the tropical semiring gives min_x E(x) at the roots; the back-pointers
 *   of the factors' messages, followed from the roots down, give the argmin assignment.</li>
 *   <li>{@link #sumProduct}: both passes in the log semiring on βE give the free energy
 *   F = −(1/β) log Σ_x exp(−βE(x)) at the roots and every variable's and factor's marginal.</li>
 * </ul>
 * A message out of factor f costs |table of f| · arity(f) operations: the upward pass sends one per factor, the
 * downward pass arity(f) − 1. A graph with a cycle is rejected (see {@link LoopyBeliefPropagation}).
 */
public final class TreeInference {
    private TreeInference() {
    }

    /** x* = argmin_x E(x) (the first minimiser the back-pointers reach on ties) and E(x*). */
    public static Assignment minSum(FactorGraph graph) {
        Schedule s = Schedule.of(graph);
        Messages m = new Messages(graph, TropicalSemiring.INSTANCE, 1);
        s.upward(m);
        int[] x = new int[graph.variables()];
        for (int root : s.roots) {
            x[root] = m.lowest(root);
            if (m.belief(root)[x[root]] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("TreeInference.minSum: every assignment has energy +Infinity "
                        + "(forbidden), so there is no minimum");
            }
        }
        int vars = graph.variables();
        for (int node : s.order) {
            if (node >= vars && s.parentEdge[node] >= 0) {
                int f = node - vars;
                int up = s.parentEdge[node];
                int index = m.winner(up, x[graph.variableOf(up)]);
                for (int slot = 0; slot < graph.factors().get(f).arity(); slot++) {
                    int e = graph.edge(f, slot);
                    if (e != up) {
                        x[graph.variableOf(e)] = m.valueAt(f, index, slot);
                    }
                }
            }
        }
        return new Assignment(x, graph.energy(x));
    }

    /** The free energy and exact marginals of p(x) ∝ exp(−βE(x)), β &gt; 0. */
    public static Beliefs sumProduct(FactorGraph graph, double beta) {
        Schedule s = Schedule.of(graph);
        Messages m = new Messages(graph, LogSemiring.INSTANCE, beta);
        s.upward(m);
        s.downward(m);
        double f = 0;
        for (int root : s.roots) {
            f += m.total(m.belief(root));
        }
        if (f == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("TreeInference.sumProduct: every assignment has energy +Infinity "
                    + "(forbidden), so p ∝ exp(−βE) is undefined");
        }
        return Beliefs.exact(m, f / beta);
    }

    /**
     * A breadth-first order of the variable-factor graph's nodes (variable v is node v, factor f node V + f) from
     * one root variable per connected part, with the edge to each node's parent (−1 at a root).
     */
    private record Schedule(FactorGraph graph, int[] order, int[] parentEdge, int[] roots) {
        static Schedule of(FactorGraph g) {
            String cycle = g.cycle();
            if (cycle != null) {
                throw new IllegalArgumentException("TreeInference: the factor graph has a cycle (" + cycle
                        + "); exact message passing needs a tree or a forest, use LoopyBeliefPropagation");
            }
            int vars = g.variables();
            int nodes = vars + g.factors().size();
            int[] order = new int[nodes];
            int[] parentEdge = new int[nodes];
            Arrays.fill(parentEdge, -1);
            boolean[] seen = new boolean[nodes];
            List<Integer> roots = new ArrayList<>();
            int tail = 0;
            for (int r = 0; r < vars; r++) {
                if (seen[r]) {
                    continue;
                }
                roots.add(r);
                seen[r] = true;
                int head = tail;
                order[tail++] = r;
                while (head < tail) {
                    int n = order[head++];
                    for (int e : edgesOf(g, n)) {
                        int next = n < vars ? vars + g.factorOf(e) : g.variableOf(e);
                        if (e != parentEdge[n] && !seen[next]) {
                            seen[next] = true;
                            parentEdge[next] = e;
                            order[tail++] = next;
                        }
                    }
                }
            }
            return new Schedule(g, order, parentEdge, roots.stream().mapToInt(Integer::intValue).toArray());
        }

        /** The edges of a node: a variable's factors, or a factor's slots. */
        private static int[] edgesOf(FactorGraph g, int node) {
            int vars = g.variables();
            if (node < vars) {
                return g.edgesOf(node);
            }
            int f = node - vars;
            int[] e = new int[g.factors().get(f).arity()];
            for (int slot = 0; slot < e.length; slot++) {
                e[slot] = g.edge(f, slot);
            }
            return e;
        }

        /** Leaves to roots: every node sends its message to its parent. */
        void upward(Messages m) {
            for (int i = order.length - 1; i >= 0; i--) {
                send(m, order[i], parentEdge[order[i]]);
            }
        }

        /** Roots to leaves: every node sends its messages to its children. */
        void downward(Messages m) {
            for (int node : order) {
                for (int e : edgesOf(graph, node)) {
                    if (e != parentEdge[node]) {
                        send(m, node, e);
                    }
                }
            }
        }

        private void send(Messages m, int node, int e) {
            if (e < 0) {
                return;
            }
            if (node < graph.variables()) {
                m.sendToFactor(e);
            } else {
                m.factorMessage(e, m.toVariable(e));
            }
        }
    }
}
