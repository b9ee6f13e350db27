package org.ebl4j.structured.gtn;

import java.util.Arrays;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.autodiff.Node;
import org.ebl4j.tensor.Tensor;

/**
 * Builds a {@link Graph}: add states, then arcs between them. A graph built by the public constructor holds the
 * weights given to {@link #addArc}. The graph operations use the package constructor, which names input graphs:
 * the weight of each arc they add ({@link #arc}) is the sum of the weights of the input arcs registered with
 * {@link #addParent} (compose: one arc of each operand; union, concat, closure: a copied arc, or none for a new ε
 * arc of energy 0; epsilon removal: an ε-path and the arc after it). That map is all the operation's autodiff needs:
 * the result's weight tensor is recorded as one node whose backward adds each output arc's gradient to its parent
 * arcs' gradients (first order: the map is a constant of the backward).
 *
 * <p>Parents are numbered in the concatenation of the inputs' arcs (arc k of input i is
 * {@code first[i] + k}), and everything is kept in growing int arrays, so that building a composition of several
 * hundred thousand arcs allocates a few arrays and no object per arc.
 */
public final class GraphBuilder {
    private final String op;
    private final Graph[] inputs;
    /** Index of each input's arc 0 among the parents; first[inputs.length] is the total. */
    private final int[] first;
    private int states;
    private boolean[] start = new boolean[16];
    private boolean[] accept = new boolean[16];
    private int arcs;
    private int[] src = new int[16];
    private int[] dst = new int[16];
    private int[] ilabel = new int[16];
    private int[] olabel = new int[16];
    /** The weights of a graph built from constants (null for a derived graph). */
    private float[] constant;
    /** Parents of arc k: parent[parentOffset[k]] .. parent[parentOffset[k + 1] − 1]. */
    private int[] parentOffset = new int[17];
    private int parents;
    private int[] parent = new int[16];
    private boolean built;

    /** A builder of a graph with constant weights. */
    public GraphBuilder() {
        this("GraphBuilder");
        constant = new float[16];
    }

    /** A builder of the result of operation {@code op} on {@code inputs}, whose weights derive from theirs. */
    GraphBuilder(String op, Graph... inputs) {
        this.op = op;
        this.inputs = inputs;
        first = new int[inputs.length + 1];
        for (int i = 0; i < inputs.length; i++) {
            first[i + 1] = first[i] + inputs[i].arcs();
        }
    }

    /** Adds a state; returns its index (0, 1, ...). */
    public int addState(boolean isStart, boolean isAccept) {
        if (built) {
            throw new IllegalStateException(op + ": build() was already called on this builder");
        }
        if (states == start.length) {
            start = Arrays.copyOf(start, 2 * states);
            accept = Arrays.copyOf(accept, 2 * states);
        }
        start[states] = isStart;
        accept[states] = isAccept;
        return states++;
    }

    /**
     * Adds the states of {@code g}, keeping its start flags if {@code starts} and its accept flags if
     * {@code accepts} (else none is); returns the index its state 0 gets here.
     */
    int addStates(Graph g, boolean starts, boolean accepts) {
        int at = states;
        for (int s = 0; s < g.states(); s++) {
            addState(starts && g.isStart(s), accepts && g.isAccept(s));
        }
        return at;
    }

    /** Adds a copy of every arc of input graph {@code input}, its states shifted by {@code offset}. */
    void copyArcs(int input, int offset) {
        Graph g = inputs[input];
        for (int a = 0; a < g.arcs(); a++) {
            arc(offset + g.src(a), offset + g.dst(a), g.ilabel(a), g.olabel(a));
            addParent(input, a);
        }
    }

    public int states() {
        return states;
    }

    /** Adds the acceptor arc {@code src → dst} with label {@code label} on both sides; returns its index. */
    public int addArc(int src, int dst, int label, float weight) {
        return addArc(src, dst, label, label, weight);
    }

    /**
     * Adds the arc {@code src → dst} reading {@code ilabel} and writing {@code olabel} (labels are >= 0 or
     * {@link Graph#EPSILON}) with energy {@code weight} (finite or +∞); returns its index (0, 1, ...).
     */
    public int addArc(int src, int dst, int ilabel, int olabel, float weight) {
        if (constant == null) {
            throw new IllegalStateException(op + ": the arcs of a derived graph take their weights from its inputs");
        }
        if (src < 0 || src >= states || dst < 0 || dst >= states) {
            throw new IllegalArgumentException(op + ": arc " + src + " -> " + dst + " names a state outside 0.."
                    + (states - 1));
        }
        if (ilabel < Graph.EPSILON || olabel < Graph.EPSILON) {
            throw new IllegalArgumentException(op + ": arc " + src + " -> " + dst + " has label " + ilabel + ":"
                    + olabel + "; labels are >= 0 or Graph.EPSILON (-1)");
        }
        if (Float.isNaN(weight) || weight == Float.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException(op + ": arc " + src + " -> " + dst + " has weight " + weight
                    + "; energies must be finite or +Infinity (forbidden arc)");
        }
        int a = arc(src, dst, ilabel, olabel);
        if (a == constant.length) {
            constant = Arrays.copyOf(constant, 2 * a);
        }
        constant[a] = weight;
        return a;
    }

    /** Adds an arc of a derived graph, weight 0 until parents are added; returns its index. */
    int arc(int src, int dst, int ilabel, int olabel) {
        if (built) {
            throw new IllegalStateException(op + ": build() was already called on this builder");
        }
        if (arcs == this.src.length) {
            int n = 2 * arcs;
            this.src = Arrays.copyOf(this.src, n);
            this.dst = Arrays.copyOf(this.dst, n);
            this.ilabel = Arrays.copyOf(this.ilabel, n);
            this.olabel = Arrays.copyOf(this.olabel, n);
            parentOffset = Arrays.copyOf(parentOffset, n + 1);
        }
        this.src[arcs] = src;
        this.dst[arcs] = dst;
        this.ilabel[arcs] = ilabel;
        this.olabel[arcs] = olabel;
        parentOffset[arcs + 1] = parents;
        return arcs++;
    }

    /** Adds the weight of arc {@code arc} of input graph {@code input} to the last arc added. */
    void addParent(int input, int arc) {
        if (parents == parent.length) {
            parent = Arrays.copyOf(parent, 2 * parents);
        }
        parent[parents++] = first[input] + arc;
        parentOffset[arcs] = parents;
    }

    /** The graph built so far; the builder cannot be used afterwards (the graph takes over its arrays). */
    public Graph build() {
        return build(false, false);
    }

    /**
     * The graph built so far, without the states that no path from a start state reaches (if {@code accessible})
     * and those from which no path reaches an accept state (if {@code coaccessible}), and without their arcs; the
     * states and arcs kept are renumbered in order, compacted in place. The builder cannot be used afterwards.
     */
    Graph build(boolean accessible, boolean coaccessible) {
        if (built) {
            throw new IllegalStateException(op + ": build() was already called on this builder");
        }
        built = true;
        int kept = states;
        int n = arcs;
        if (accessible || coaccessible) {
            boolean[] keep = new Graph(states, start, accept, src, dst, ilabel, olabel, arcs, null, null)
                    .useful(accessible, coaccessible);
            int[] renumber = new int[states];
            kept = 0;
            for (int q = 0; q < states; q++) {
                renumber[q] = keep[q] ? kept : -1;
                if (keep[q]) {
                    start[kept] = start[q];
                    accept[kept] = accept[q];
                    kept++;
                }
            }
            if (kept < states) {
                n = 0;
                int p = 0;
                for (int a = 0; a < arcs; a++) {
                    int from = renumber[src[a]];
                    int to = renumber[dst[a]];
                    if (from < 0 || to < 0) {
                        continue;
                    }
                    src[n] = from;
                    dst[n] = to;
                    ilabel[n] = ilabel[a];
                    olabel[n] = olabel[a];
                    if (constant != null) {
                        constant[n] = constant[a];
                    }
                    int j0 = parentOffset[a];
                    int j1 = parentOffset[a + 1];
                    parentOffset[n] = p;
                    for (int j = j0; j < j1; j++) {
                        parent[p++] = parent[j];
                    }
                    n++;
                }
                parentOffset[n] = p;
            }
        }
        float[] inW = new float[first[inputs.length]];
        for (int i = 0; i < inputs.length; i++) {
            System.arraycopy(inputs[i].weightArray(), 0, inW, first[i], inputs[i].arcs());
        }
        float[] w = new float[n];
        for (int a = 0; a < n; a++) {
            float sum = constant == null ? 0f : constant[a];
            for (int j = parentOffset[a]; j < parentOffset[a + 1]; j++) {
                sum += inW[parent[j]];
            }
            w[a] = sum;
        }
        Tensor[] inT = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            inT[i] = inputs[i].weights();
        }
        Tensor weights = Autodiff.record("gtn." + op, Tensor.of(w, n), inT, backward(n, parentOffset, parent));
        return new Graph(kept, Arrays.copyOf(start, kept), Arrays.copyOf(accept, kept), src, dst, ilabel, olabel, n, w,
                weights);
    }

    /** Each output arc's gradient added to its parents' gradients. */
    private Node.Backward backward(int n, int[] pOff, int[] par) {
        Graph[] in = inputs;
        int[] at = first;
        return g -> {
            float[] go = g.toArray();
            float[] gi = new float[at[in.length]];
            for (int a = 0; a < n; a++) {
                for (int j = pOff[a]; j < pOff[a + 1]; j++) {
                    gi[par[j]] += go[a];
                }
            }
            Tensor[] out = new Tensor[in.length];
            for (int i = 0; i < in.length; i++) {
                out[i] = Tensor.of(Arrays.copyOfRange(gi, at[i], at[i + 1]), in[i].arcs());
            }
            return out;
        };
    }
}
