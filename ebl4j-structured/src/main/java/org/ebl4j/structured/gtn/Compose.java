package org.ebl4j.structured.gtn;

import java.util.Arrays;

/**
 * Composition of transducers and intersection of acceptors (Mohri, Pereira, Riley, "Weighted finite-state
 * transducers in speech recognition", 2002; gtn's compose / intersect). If {@code a} maps x to y with energy E₁ and
 * {@code b} maps y to z with energy E₂, compose(a, b) maps x to z with energy E₁ + E₂, one path for each pair of
 * matching paths; for acceptors this is the intersection (the strings both accept, energies added).
 *
 * <p>States of the result are the triples (state of a, state of b, filter state) reachable from pairs of start
 * states, built breadth-first, and then trimmed to those from which an accept pair can be reached, so that no arc
 * that lies on no complete path is kept. Matching arcs are found per state pair, for each arc of the operand with
 * fewer arcs there, in the label-sorted out-arcs of the other: by index arithmetic when those labels are consecutive
 * (an emissions graph's frame holds every label once), else by binary search; an emissions graph with L arcs per
 * frame against a CTC graph with at most 3 arcs per state costs 3 look-ups per pair, not 3·L comparisons. A dense
 * table (as in gtn) or a hash table maps triples to states. Epsilons follow the three-state
 * epsilon-matching filter of Mohri et al., so every pair of paths gives exactly one path of the result: from filter
 * state 0 an arc of a writing ε (b stays) leads to 1, an arc of b reading ε (a stays) leads to 2, both together stay
 * in 0; from 1 only a may move on ε and from 2 only b; a matched non-ε label returns to 0.
 *
 * <p>Each arc's weight is the sum of its parent arcs' weights, recorded for autodiff ({@link GraphBuilder}).
 */
public final class Compose {
    private Compose() {
    }

    /** The transducer of a then b: a's output labels matched against b's input labels. */
    public static Graph compose(Graph a, Graph b) {
        return run("compose", a, b);
    }

    /** The intersection of two acceptors (IllegalArgumentException if either has an arc with different labels). */
    public static Graph intersect(Graph a, Graph b) {
        if (!a.isAcceptor() || !b.isAcceptor()) {
            throw new IllegalArgumentException("intersect: both graphs must be acceptors (input label = output label "
                    + "on every arc); use compose for transducers");
        }
        return run("intersect", a, b);
    }

    private static Graph run(String op, Graph a, Graph b) {
        Graph.Adjacency left = a.outSortedBy(true);
        Graph.Adjacency right = b.outSortedBy(false);
        GraphBuilder out = new GraphBuilder(op, a, b);
        boolean epsilons = false;
        for (int k = 0; k < a.arcs() && !epsilons; k++) {
            epsilons = a.olabel(k) == Graph.EPSILON;
        }
        for (int k = 0; k < b.arcs() && !epsilons; k++) {
            epsilons = b.ilabel(k) == Graph.EPSILON;
        }
        Pairs pairs = new Pairs(a, b, out, epsilons);
        for (int p : a.startStates()) {
            for (int q : b.startStates()) {
                pairs.state(p, q, 0, true);
            }
        }
        int[] la = left.labels();
        int[] lb = right.labels();
        for (int id = 0; id < out.states(); id++) {
            int p = pairs.p[id];
            int q = pairs.q[id];
            int f = pairs.f[id];
            int a0 = left.offsets()[p];
            int a1 = left.offsets()[p + 1];
            int b0 = right.offsets()[q];
            int b1 = right.offsets()[q + 1];
            int aEps = a0;
            while (aEps < a1 && la[aEps] == Graph.EPSILON) {
                aEps++;
            }
            int bEps = b0;
            while (bEps < b1 && lb[bEps] == Graph.EPSILON) {
                bEps++;
            }
            if (a1 - aEps <= b1 - bEps) {
                for (int i = aEps; i < a1; i++) {
                    for (int j = lowerBound(lb, bEps, b1, la[i]); j < b1 && lb[j] == la[i]; j++) {
                        pairs.arc(id, left.arcs()[i], right.arcs()[j], 0);
                    }
                }
            } else {
                for (int j = bEps; j < b1; j++) {
                    for (int i = lowerBound(la, aEps, a1, lb[j]); i < a1 && la[i] == lb[j]; i++) {
                        pairs.arc(id, left.arcs()[i], right.arcs()[j], 0);
                    }
                }
            }
            for (int i = a0; i < aEps; i++) {
                if (f != 2) {
                    pairs.arc(id, left.arcs()[i], -1, 1);
                }
                if (f == 0) {
                    for (int j = b0; j < bEps; j++) {
                        pairs.arc(id, left.arcs()[i], right.arcs()[j], 0);
                    }
                }
            }
            if (f != 1) {
                for (int j = b0; j < bEps; j++) {
                    pairs.arc(id, -1, right.arcs()[j], 2);
                }
            }
        }
        return out.build(false, true);
    }

    /**
     * The first index in [from, to) of the sorted {@code labels} whose label is >= {@code label}: by arithmetic when
     * the run holds consecutive distinct labels (an emissions graph's frame: every label once), else by binary
     * search.
     */
    private static int lowerBound(int[] labels, int from, int to, int label) {
        if (from == to) {
            return to;
        }
        int lo = labels[from];
        if (labels[to - 1] - lo == to - from - 1) {
            return label <= lo ? from : Math.min(to, from + label - lo);
        }
        int hi = to;
        int l = from;
        while (l < hi) {
            int mid = (l + hi) >>> 1;
            if (labels[mid] < label) {
                l = mid + 1;
            } else {
                hi = mid;
            }
        }
        return l;
    }

    /**
     * The states of the result: (p, q, filter) triples, numbered as found. Looked up in a dense table of
     * states(a)·states(b)·filters entries (gtn does the same) when it has at most {@link #DENSE} entries, else in an
     * open-addressing hash table; the filter dimension is 1 when neither operand has ε on the matched side.
     */
    private static final class Pairs {
        /** The largest dense table (64 MiB of ints). */
        private static final long DENSE = 1L << 24;

        private final Graph a;
        private final Graph b;
        private final GraphBuilder out;
        private final int filters;
        int[] p = new int[64];
        int[] q = new int[64];
        int[] f = new int[64];
        private int[] dense;
        private long[] keys;
        private int[] ids;
        private int size;

        Pairs(Graph a, Graph b, GraphBuilder out, boolean epsilons) {
            this.a = a;
            this.b = b;
            this.out = out;
            this.filters = epsilons ? 3 : 1;
            long cells = (long) a.states() * b.states() * filters;
            if (cells <= DENSE) {
                dense = new int[(int) cells];
                Arrays.fill(dense, -1);
            } else {
                keys = new long[1024];
                ids = new int[keys.length];
                Arrays.fill(keys, -1);
            }
        }

        /** Adds the arc from state {@code from} along arc x of a and arc y of b (−1: that operand stays). */
        void arc(int from, int x, int y, int filter) {
            int pa = x < 0 ? p[from] : a.dst(x);
            int qb = y < 0 ? q[from] : b.dst(y);
            int to = state(pa, qb, filter, false);
            out.arc(from, to, x < 0 ? Graph.EPSILON : a.ilabel(x), y < 0 ? Graph.EPSILON : b.olabel(y));
            if (x >= 0) {
                out.addParent(0, x);
            }
            if (y >= 0) {
                out.addParent(1, y);
            }
        }

        /** The index of state (pa, qb, filter), added if new. */
        int state(int pa, int qb, int filter, boolean start) {
            long key = ((long) pa * b.states() + qb) * filters + filter;
            int h = -1;
            if (dense != null) {
                int id = dense[(int) key];
                if (id >= 0) {
                    return id;
                }
            } else {
                int mask = keys.length - 1;
                for (h = slot(key, mask); keys[h] != -1; h = (h + 1) & mask) {
                    if (keys[h] == key) {
                        return ids[h];
                    }
                }
            }
            int id = out.addState(start, a.isAccept(pa) && b.isAccept(qb));
            if (id == p.length) {
                p = Arrays.copyOf(p, 2 * id);
                q = Arrays.copyOf(q, 2 * id);
                f = Arrays.copyOf(f, 2 * id);
            }
            p[id] = pa;
            q[id] = qb;
            f[id] = filter;
            if (dense != null) {
                dense[(int) key] = id;
            } else {
                keys[h] = key;
                ids[h] = id;
                if (++size * 2 > keys.length) {
                    grow();
                }
            }
            return id;
        }

        private static int slot(long key, int mask) {
            long x = key * 0x9E3779B97F4A7C15L;
            return (int) (x ^ (x >>> 32)) & mask;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldIds = ids;
            keys = new long[2 * oldKeys.length];
            ids = new int[keys.length];
            Arrays.fill(keys, -1);
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != -1) {
                    int h = slot(oldKeys[i], mask);
                    while (keys[h] != -1) {
                        h = (h + 1) & mask;
                    }
                    keys[h] = oldKeys[i];
                    ids[h] = oldIds[i];
                }
            }
        }
    }
}
