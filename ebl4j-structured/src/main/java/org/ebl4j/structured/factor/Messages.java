package org.ebl4j.structured.factor;

import java.util.Arrays;

import org.ebl4j.structured.semiring.Semiring;

/**
 * The messages of message passing on a {@link FactorGraph} in a {@link Semiring} of width 1 (tropical: min-sum;
 * log: the log-sum-exp "sum-product" of the log domain), as energies of βE, one per edge (factor f, its variable
 * v) and direction:
 * <pre>
 *   m_{v→f}(x) = ⊗_{g ∋ v, g ≠ f} m_{g→v}(x)
 *   m_{f→v}(x) = ⊕_{x_f : x_f[v] = x} βE_f(x_f) ⊗ ⊗_{u ∈ f, u ≠ v} m_{u→f}(x_u)
 * </pre>
 * with ⊗ = + and ⊕ = min or −log(e^−a + e^−b) (LeCun et al. 2006, §6: belief propagation in the log domain without
 * the normalisation steps; Kschischang, Frey &amp; Loeliger 2001). All messages start at 1̄ = 0. In a selective
 * (tropical) semiring each entry of m_{f→v} remembers the table index of the factor configuration that won its
 * min: the back-pointer that decoding follows. Shared by {@link TreeInference} and {@link LoopyBeliefPropagation}.
 */
final class Messages {
    private final FactorGraph graph;
    private final Semiring semiring;
    private final double beta;
    private final double[][] toVariable;
    private final double[][] toFactor;
    private final int[][] winner;
    private final double[] cell = new double[1];

    Messages(FactorGraph graph, Semiring semiring, double beta) {
        if (semiring == null || semiring.width() != 1) {
            throw new IllegalArgumentException("Message passing: needs a semiring of width 1 (tropical or log), got "
                    + (semiring == null ? "null" : semiring.name()));
        }
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("Message passing: beta must be finite and > 0, got " + beta);
        }
        this.graph = graph;
        this.semiring = semiring;
        this.beta = beta;
        int edges = graph.edges();
        toVariable = new double[edges][];
        toFactor = new double[edges][];
        winner = semiring.selective() ? new int[edges][] : null;
        for (int e = 0; e < edges; e++) {
            int card = graph.cardinality(graph.variableOf(e));
            toVariable[e] = new double[card];
            toFactor[e] = new double[card];
            if (winner != null) {
                winner[e] = new int[card];
            }
        }
    }

    FactorGraph graph() {
        return graph;
    }

    Semiring semiring() {
        return semiring;
    }

    double beta() {
        return beta;
    }

    /** m_{f→v} of edge e (the stored array). */
    double[] toVariable(int e) {
        return toVariable[e];
    }

    /** Sets m_{v→f} of edge e from the current m_{g→v} of v's other edges. */
    void sendToFactor(int e) {
        double[] m = toFactor[e];
        Arrays.fill(m, 0);
        for (int other : graph.edgesOf(graph.variableOf(e))) {
            if (other != e) {
                double[] in = toVariable[other];
                for (int x = 0; x < m.length; x++) {
                    m[x] += in[x];
                }
            }
        }
    }

    /**
     * Computes m_{f→v} of edge e from the current m_{u→f} into {@code out} (one entry per value of v), and in a
     * selective semiring the winning table indices into the edge's back-pointers.
     */
    void factorMessage(int e, double[] out) {
        int f = graph.factorOf(e);
        int target = graph.slotOf(e);
        Factor factor = graph.factors().get(f);
        int n = factor.arity();
        int[] value = new int[n];
        int[] cards = new int[n];
        for (int slot = 0; slot < n; slot++) {
            cards[slot] = graph.cardinality(factor.variable(slot));
        }
        int[] from = winner == null ? null : winner[e];
        Arrays.fill(out, Double.POSITIVE_INFINITY);
        if (from != null) {
            Arrays.fill(from, -1);
        }
        for (int index = 0; index < factor.size(); index++) {
            double v = beta * factor.energy(index);
            for (int slot = 0; slot < n && v < Double.POSITIVE_INFINITY; slot++) {
                if (slot != target) {
                    v += toFactor[graph.edge(f, slot)][value[slot]];
                }
            }
            if (v < Double.POSITIVE_INFINITY) {
                int x = value[target];
                double before = out[x];
                cell[0] = v;
                semiring.plus(out, x, cell, 0, out, x);
                if (from != null && out[x] != before) {
                    from[x] = index;
                }
            }
            for (int slot = n - 1; slot >= 0 && ++value[slot] == cards[slot]; slot--) {
                value[slot] = 0;
            }
        }
    }

    /** ⊕_x b(x): min_x b(x) (tropical) or −log Σ_x exp(−b(x)) (log). */
    double total(double[] b) {
        double[] t = {Double.POSITIVE_INFINITY};
        for (int x = 0; x < b.length; x++) {
            semiring.plus(t, 0, b, x, t, 0);
        }
        return t[0];
    }

    /** The back-pointer of entry x of m_{f→v} on edge e: the winning table index (−1 if all are forbidden). */
    int winner(int e, int x) {
        return winner[e][x];
    }

    /** The belief of variable v: b_v(x) = ⊗_{f ∋ v} m_{f→v}(x). */
    double[] belief(int v) {
        double[] b = new double[graph.cardinality(v)];
        for (int e : graph.edgesOf(v)) {
            for (int x = 0; x < b.length; x++) {
                b[x] += toVariable[e][x];
            }
        }
        return b;
    }

    /** argmin_x b_v(x), the first on ties. */
    int lowest(int v) {
        double[] b = belief(v);
        int best = 0;
        for (int x = 1; x < b.length; x++) {
            best = b[x] < b[best] ? x : best;
        }
        return best;
    }

    /** The belief of factor f over its table: b_f(x_f) = βE_f(x_f) ⊗ ⊗_{v ∈ f} m_{v→f}(x_v). */
    double[] factorBelief(int f) {
        Factor factor = graph.factors().get(f);
        int n = factor.arity();
        double[] b = new double[factor.size()];
        int[] value = new int[n];
        for (int index = 0; index < b.length; index++) {
            double v = beta * factor.energy(index);
            for (int slot = 0; slot < n; slot++) {
                v += toFactor[graph.edge(f, slot)][value[slot]];
            }
            b[index] = v;
            for (int slot = n - 1; slot >= 0 && ++value[slot] == graph.cardinality(factor.variable(slot)); slot--) {
                value[slot] = 0;
            }
        }
        return b;
    }

    /** The value of the variable in {@code slot} at a row-major table index of factor f. */
    int valueAt(int f, int index, int slot) {
        Factor factor = graph.factors().get(f);
        for (int s = factor.arity() - 1; s > slot; s--) {
            index /= graph.cardinality(factor.variable(s));
        }
        return index % graph.cardinality(factor.variable(slot));
    }
}
