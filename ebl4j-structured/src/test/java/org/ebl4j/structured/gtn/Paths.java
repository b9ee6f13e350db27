package org.ebl4j.structured.gtn;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.ebl4j.tensor.Rng;

/** Brute-force oracles for the tests: every complete path of a small acyclic graph, and random graphs. */
final class Paths {
    private Paths() {
    }

    /** A complete path: its arcs, its input and output strings (ε dropped) and its energy. */
    record Path(int[] arcs, List<Integer> in, List<Integer> out, double energy) {
        /** "in:out" with ε dropped, for comparing what graphs accept. */
        String strings() {
            return in + ":" + out;
        }
    }

    /** All paths from a start to an accept state, by depth-first search (the graph must be acyclic). */
    static List<Path> enumerate(Graph g) {
        List<Path> out = new ArrayList<>();
        for (int s = 0; s < g.states(); s++) {
            if (g.isStart(s)) {
                walk(g, s, new ArrayList<>(), out);
            }
        }
        return out;
    }

    private static void walk(Graph g, int s, List<Integer> arcs, List<Path> out) {
        if (g.isAccept(s)) {
            int[] a = arcs.stream().mapToInt(Integer::intValue).toArray();
            List<Integer> in = new ArrayList<>();
            List<Integer> o = new ArrayList<>();
            double e = 0;
            for (int k : a) {
                if (g.ilabel(k) != Graph.EPSILON) {
                    in.add(g.ilabel(k));
                }
                if (g.olabel(k) != Graph.EPSILON) {
                    o.add(g.olabel(k));
                }
                e += g.weight(k);
            }
            out.add(new Path(a, in, o, e));
        }
        for (int k = 0; k < g.arcs(); k++) {
            if (g.src(k) == s) {
                arcs.add(k);
                walk(g, g.dst(k), arcs, out);
                arcs.remove(arcs.size() - 1);
            }
        }
    }

    /** −log Σ exp(−E) over the paths (+∞ for none). */
    static double freeEnergy(List<Path> paths) {
        double m = paths.stream().mapToDouble(Path::energy).min().orElse(Double.POSITIVE_INFINITY);
        if (m == Double.POSITIVE_INFINITY) {
            return m;
        }
        return m - Math.log(paths.stream().mapToDouble(p -> Math.exp(m - p.energy())).sum());
    }

    /** The multiset of (strings, energy) of the paths, sorted, energies rounded to 1e-4. */
    static List<String> signature(List<Path> paths) {
        return paths.stream().map(p -> p.strings() + "/" + Math.round(p.energy() * 1e4)).sorted()
                .collect(Collectors.toList());
    }

    /**
     * A random acyclic graph: arcs from lower to higher states only, labels in [0, labels) or ε with probability
     * {@code epsilon}, output labels independent of input labels for a transducer; state 0 and some others start
     * states, the last and some others accept states; energies uniform in [−1, 2].
     */
    static Graph randomDag(Rng rng, int states, int arcs, int labels, double epsilon, boolean transducer) {
        GraphBuilder b = new GraphBuilder();
        for (int s = 0; s < states; s++) {
            b.addState(s == 0 || (s < states - 1 && rng.nextDouble() < 0.15),
                    s == states - 1 || (s > 0 && rng.nextDouble() < 0.2));
        }
        for (int k = 0; k < arcs; k++) {
            int from = rng.nextInt(states - 1);
            int to = from + 1 + rng.nextInt(states - 1 - from);
            int in = rng.nextDouble() < epsilon ? Graph.EPSILON : rng.nextInt(labels);
            int out = !transducer ? in : rng.nextDouble() < epsilon ? Graph.EPSILON : rng.nextInt(labels);
            b.addArc(from, to, in, out, (float) (3 * rng.nextDouble() - 1));
        }
        return b.build();
    }
}
