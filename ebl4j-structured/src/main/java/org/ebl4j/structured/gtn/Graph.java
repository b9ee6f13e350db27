package org.ebl4j.structured.gtn;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * A weighted finite-state graph, the data of a graph transformer network (Bottou, Bengio, LeCun, "Global training
 * of document processing systems using graph transformer networks", 1997; LeCun, Bottou, Bengio, Haffner 1998,
 * §IV-VIII; API in the spirit of facebookresearch/gtn and k2): states, some of them start and some accept states,
 * and arcs {@code src → dst} carrying an input label, an output label and a weight. An acceptor has equal labels on
 * every arc; a transducer maps input to output label strings. {@link #EPSILON} labels an arc that reads (or writes)
 * nothing.
 *
 * <p><b>Weights are energies</b>, as everywhere in ebl4j (low = good, p ∝ exp(−E)): the energy of a path from a
 * start to an accept state is the sum of its arc weights, the {@link ShortestDistance#forwardScore forward score}
 * is the free energy F = −log Σ_paths exp(−E(path)) (the {@link org.ebl4j.structured.semiring.LogSemiring log
 * semiring}) and the {@link ShortestDistance#viterbiScore Viterbi score} is min_paths E(path) (the
 * {@link org.ebl4j.structured.semiring.TropicalSemiring tropical semiring}). gtn's arc weights are scores (high = good): a gtn
 * graph with its weights negated has F = −(gtn's forwardScore) and Viterbi energy = −(gtn's viterbiScore).
 *
 * <p>Immutable. The arc weights are a float tensor of shape [arcs] ({@link #weights()}), arc k at index k: an
 * operation's result takes its weights from its inputs' through recorded autodiff nodes, so a loss built from
 * graphs back-propagates to whatever tensor the input weights were computed from (a network's output, through
 * {@link #linear} or {@link #withWeights}). The arc structure is kept in int arrays, and the adjacency the
 * algorithms read (arcs grouped by source or destination state, out-arcs sorted by label, a topological order) is
 * built once on first use, in O(states + arcs).
 */
public final class Graph {
    /** The empty label. */
    public static final int EPSILON = -1;

    private final int states;
    private final boolean[] start;
    private final boolean[] accept;
    private final int[] src;
    private final int[] dst;
    private final int[] ilabel;
    private final int[] olabel;
    private final int arcs;
    private final float[] w;
    private final Tensor weights;

    private volatile Adjacency out;
    private volatile Adjacency in;
    private volatile Adjacency outByIlabel;
    private volatile Adjacency outByOlabel;
    private volatile int[] order;

    /** Arcs of each state: {@code arcs[offsets[s]] .. arcs[offsets[s + 1] − 1]}, with their labels when sorted. */
    record Adjacency(int[] offsets, int[] arcs, int[] labels) {
    }

    /**
     * Takes ownership of the arrays (no copy), of which the first {@code arcs} entries describe the arcs: callers
     * are {@link GraphBuilder} and {@link #withWeights}.
     */
    Graph(int states, boolean[] start, boolean[] accept, int[] src, int[] dst, int[] ilabel, int[] olabel, int arcs,
          float[] w, Tensor weights) {
        this.states = states;
        this.start = start;
        this.accept = accept;
        this.src = src;
        this.dst = dst;
        this.ilabel = ilabel;
        this.olabel = olabel;
        this.arcs = arcs;
        this.w = w;
        this.weights = weights;
    }

    /**
     * The linear graph of a [T, L] emissions tensor: states 0..T (0 start, T accept) and, for every frame t and
     * label l, an arc t → t+1 labelled l with energy emissions[t, l] (gtn's linearGraph). Arc t·L + l is entry
     * (t, l), so that the weights are {@code emissions.reshape(T·L)} and gradients reach {@code emissions}.
     */
    public static Graph linear(Tensor emissions) {
        if (emissions == null || emissions.dim() != 2 || emissions.shape(0) < 1 || emissions.shape(1) < 1) {
            throw new IllegalArgumentException("Graph.linear: emissions must have shape [T, L] with T, L >= 1, got "
                    + (emissions == null ? "null" : Shape.str(emissions.shape())));
        }
        int frames = emissions.shape(0);
        int labels = emissions.shape(1);
        GraphBuilder b = new GraphBuilder();
        for (int t = 0; t <= frames; t++) {
            b.addState(t == 0, t == frames);
        }
        for (int t = 0; t < frames; t++) {
            for (int l = 0; l < labels; l++) {
                b.addArc(t, t + 1, l, 0f);
            }
        }
        return b.build().withWeights(emissions.reshape(frames * labels));
    }

    /** The acceptor of the one string {@code labels} with energy 0 (a chain of labels.length + 1 states). */
    public static Graph chain(int... labels) {
        GraphBuilder b = new GraphBuilder();
        for (int t = 0; t <= labels.length; t++) {
            b.addState(t == 0, t == labels.length);
        }
        for (int t = 0; t < labels.length; t++) {
            b.addArc(t, t + 1, labels[t], 0f);
        }
        return b.build();
    }

    /**
     * The same states and arcs with the weights {@code weights} (any shape of arcs() elements, read in row-major
     * order; finite or +∞ entries): gradients of anything computed from the result flow to {@code weights}. The
     * adjacency already built for this graph is shared, so re-weighting a fixed structure in a training loop is
     * cheap.
     */
    public Graph withWeights(Tensor weights) {
        if (weights == null || weights.numel() != arcs()) {
            throw new IllegalArgumentException("Graph.withWeights: need " + arcs() + " weights (one per arc), got "
                    + (weights == null ? "null" : "shape " + Shape.str(weights.shape())));
        }
        Tensor flat = weights.dim() == 1 ? weights : weights.reshape(arcs());
        float[] values = flat.toArray();
        checkWeights(values, "Graph.withWeights");
        Graph g = new Graph(states, start, accept, src, dst, ilabel, olabel, arcs, values, flat);
        g.out = out;
        g.in = in;
        g.outByIlabel = outByIlabel;
        g.outByOlabel = outByOlabel;
        g.order = order;
        return g;
    }

    static void checkWeights(float[] values, String where) {
        for (int k = 0; k < values.length; k++) {
            if (Float.isNaN(values[k]) || values[k] == Float.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException(where + ": weight of arc " + k + " is " + values[k]
                        + "; energies must be finite or +Infinity (forbidden arc)");
            }
        }
    }

    public int states() {
        return states;
    }

    public int arcs() {
        return arcs;
    }

    public boolean isStart(int s) {
        return start[s];
    }

    public boolean isAccept(int s) {
        return accept[s];
    }

    public int src(int arc) {
        return src[arc];
    }

    public int dst(int arc) {
        return dst[arc];
    }

    public int ilabel(int arc) {
        return ilabel[arc];
    }

    public int olabel(int arc) {
        return olabel[arc];
    }

    /** The start states, in increasing order. */
    public int[] startStates() {
        return IntStream.range(0, states).filter(s -> start[s]).toArray();
    }

    /** The accept states, in increasing order. */
    public int[] acceptStates() {
        return IntStream.range(0, states).filter(s -> accept[s]).toArray();
    }

    /** The energy of an arc. */
    public float weight(int arc) {
        return w[arc];
    }

    /** The arc energies, shape [arcs] (differentiable when computed from tensors that require a gradient). */
    public Tensor weights() {
        return weights;
    }

    /** Whether every arc has equal input and output labels. */
    public boolean isAcceptor() {
        return Arrays.equals(ilabel, 0, arcs, olabel, 0, arcs);
    }

    /**
     * Whether each state is reached from a start state (if {@code accessible}; forward search) and reaches an
     * accept state (if {@code coaccessible}; backward search).
     */
    boolean[] useful(boolean accessible, boolean coaccessible) {
        boolean[] keep = new boolean[states];
        Arrays.fill(keep, true);
        boolean sweep = ascending();
        if (accessible) {
            keep = sweep ? start.clone() : reach(start, out(), true);
            for (int a = 0; sweep && a < arcs; a++) {
                keep[dst[a]] |= keep[src[a]];
            }
        }
        if (coaccessible) {
            boolean[] toAccept = sweep ? accept.clone() : reach(accept, in(), false);
            for (int a = arcs - 1; sweep && a >= 0; a--) {
                toAccept[src[a]] |= toAccept[dst[a]];
            }
            for (int s = 0; s < states; s++) {
                keep[s] &= toAccept[s];
            }
        }
        return keep;
    }

    /**
     * Whether the arcs are in order of source state and every arc goes to a higher state (as in a chain, and in the
     * composition of a chain with any graph, whose states are numbered breadth-first): then the states in index order are a topological order, and one sweep
     * over the arcs, forwards or backwards, propagates anything along all paths.
     */
    private boolean ascending() {
        for (int a = 0; a < arcs; a++) {
            if (dst[a] <= src[a] || (a > 0 && src[a - 1] > src[a])) {
                return false;
            }
        }
        return true;
    }

    private boolean[] reach(boolean[] seeds, Adjacency adj, boolean forward) {
        boolean[] seen = seeds.clone();
        int[] stack = new int[states];
        int top = 0;
        for (int s = 0; s < states; s++) {
            if (seen[s]) {
                stack[top++] = s;
            }
        }
        int[] next = forward ? dst : src;
        while (top > 0) {
            int s = stack[--top];
            for (int j = adj.offsets[s]; j < adj.offsets[s + 1]; j++) {
                int t = next[adj.arcs[j]];
                if (!seen[t]) {
                    seen[t] = true;
                    stack[top++] = t;
                }
            }
        }
        return seen;
    }

    float[] weightArray() {
        return w;
    }

    int[] srcArray() {
        return src;
    }

    int[] dstArray() {
        return dst;
    }

    /** Out-arcs grouped by source state (in arc order within a state). */
    Adjacency out() {
        Adjacency a = out;
        if (a == null) {
            a = group(src, null);
            out = a;
        }
        return a;
    }

    /** In-arcs grouped by destination state. */
    Adjacency in() {
        Adjacency a = in;
        if (a == null) {
            a = group(dst, null);
            in = a;
        }
        return a;
    }

    /** Out-arcs of each state sorted by input (or output) label, ε first; labels aligned with arcs. */
    Adjacency outSortedBy(boolean output) {
        Adjacency a = output ? outByOlabel : outByIlabel;
        if (a == null) {
            a = group(src, output ? olabel : ilabel);
            if (output) {
                outByOlabel = a;
            } else {
                outByIlabel = a;
            }
        }
        return a;
    }

    /**
     * Counting sort of the arcs by {@code key} (a state per arc), then, if labels are given, by label per state.
     * Arcs already in key order (as an operation's result: each state's out-arcs are added together) are kept.
     */
    private Adjacency group(int[] key, int[] label) {
        int[] offsets = new int[states + 1];
        boolean sorted = true;
        for (int a = 0; a < arcs; a++) {
            offsets[key[a] + 1]++;
            sorted &= a == 0 || key[a - 1] <= key[a];
        }
        for (int s = 0; s < states; s++) {
            offsets[s + 1] += offsets[s];
        }
        int[] order = new int[arcs];
        if (sorted) {
            for (int a = 0; a < arcs; a++) {
                order[a] = a;
            }
        } else {
            int[] fill = Arrays.copyOf(offsets, states);
            for (int a = 0; a < arcs; a++) {
                order[fill[key[a]]++] = a;
            }
        }
        if (label == null) {
            return new Adjacency(offsets, order, null);
        }
        int[] labels = new int[order.length];
        for (int s = 0; s < states; s++) {
            sortByLabel(order, offsets[s], offsets[s + 1], label);
        }
        for (int j = 0; j < order.length; j++) {
            labels[j] = label[order[j]];
        }
        return new Adjacency(offsets, order, labels);
    }

    /** Sorts arcs[from, to) by label (stable): insertion sort for short or sorted runs, else by packed keys. */
    private static void sortByLabel(int[] arcs, int from, int to, int[] label) {
        if (to - from <= 32) {
            for (int i = from + 1; i < to; i++) {
                int a = arcs[i];
                int j = i - 1;
                while (j >= from && label[arcs[j]] > label[a]) {
                    arcs[j + 1] = arcs[j];
                    j--;
                }
                arcs[j + 1] = a;
            }
            return;
        }
        long[] keys = new long[to - from];
        for (int i = from; i < to; i++) {
            keys[i - from] = ((long) label[arcs[i]] << 32) | arcs[i];
        }
        Arrays.sort(keys);
        for (int i = from; i < to; i++) {
            arcs[i] = (int) keys[i - from];
        }
    }

    /**
     * The states in an order where every arc goes forward (Kahn's algorithm); IllegalArgumentException naming
     * {@code op} when the graph has a cycle (the forward score of a cyclic graph is not computed, as in gtn).
     */
    int[] topologicalOrder(String op) {
        int[] o = order;
        if (o == null && ascending()) {
            o = IntStream.range(0, states).toArray();
            order = o;
        }
        if (o == null) {
            Adjacency adj = out();
            int[] indegree = new int[states];
            for (int a = 0; a < arcs; a++) {
                indegree[dst[a]]++;
            }
            o = new int[states];
            int head = 0;
            int tail = 0;
            for (int s = 0; s < states; s++) {
                if (indegree[s] == 0) {
                    o[tail++] = s;
                }
            }
            while (head < tail) {
                int s = o[head++];
                for (int j = adj.offsets[s]; j < adj.offsets[s + 1]; j++) {
                    int t = dst[adj.arcs[j]];
                    if (--indegree[t] == 0) {
                        o[tail++] = t;
                    }
                }
            }
            if (tail < states) {
                throw new IllegalArgumentException(op + ": the graph has a cycle (" + (states - tail)
                        + " states on or after cycles); only acyclic graphs are supported");
            }
            order = o;
        }
        return o;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Graph(").append(states).append(" states, ").append(arcs())
                .append(" arcs)\n");
        for (int s = 0; s < states; s++) {
            if (start[s] || accept[s]) {
                sb.append("  state ").append(s).append(start[s] ? " start" : "").append(accept[s] ? " accept" : "")
                        .append('\n');
            }
        }
        for (int a = 0; a < arcs(); a++) {
            sb.append("  ").append(src[a]).append(" -> ").append(dst[a]).append(' ').append(ilabel[a]).append(':')
                    .append(olabel[a]).append('/').append(w[a]).append('\n');
        }
        return sb.toString();
    }
}
