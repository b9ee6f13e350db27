package org.ebl4j.structured.gtn;

import java.util.Arrays;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.structured.semiring.LogSemiring;
import org.ebl4j.structured.semiring.Semiring;
import org.ebl4j.structured.semiring.TropicalSemiring;
import org.ebl4j.tensor.Tensor;

/**
 * The shortest distance from the start states to the accept states of an acyclic graph over energies (Mohri 2002;
 * gtn's forwardScore and viterbiScore), differentiable in the arc weights:
 * <pre>
 *   α(s) = [s is a start state ? 1̄ : 0̄] ⊕ ⊕_{arcs a → s} α(src a) ⊗ w_a,      score = ⊕_{accept s} α(s)
 * </pre>
 * visiting states in topological order (the index order when every arc goes to a higher state, as in the result of
 * an operation on a chain: no sort), each pushing along its out-arcs. In the {@link LogSemiring} the score is the free energy
 * F = −log Σ_paths exp(−E(path)) (forward algorithm), and ∂F/∂w_a is the arc's posterior
 * P(a) = exp(F − α(src a) − w_a − β(dst a)), β from the same recursion run backwards (forward-backward); in the
 * {@link TropicalSemiring} the score is min_paths E(path) (Viterbi) and its gradient the indicator of the arcs of the
 * best path (the first on ties: the gradient is a subgradient there). Each sum is shifted by its smallest term
 * (log-sum-exp), in double precision, so no exponential overflows or underflows whole.
 *
 * <p>Only acyclic graphs are supported (like gtn): a cycle is an IllegalArgumentException. A graph with no complete
 * path has score +∞ and gradient 0.
 */
public final class ShortestDistance {
    private ShortestDistance() {
    }

    /** The free energy −log Σ_paths exp(−E(path)), a scalar tensor (log semiring). */
    public static Tensor forwardScore(Graph g) {
        return score(g, LogSemiring.INSTANCE);
    }

    /** The lowest path energy min_paths E(path), a scalar tensor (tropical semiring). */
    public static Tensor viterbiScore(Graph g) {
        return score(g, TropicalSemiring.INSTANCE);
    }

    /** The shortest distance in {@link LogSemiring#INSTANCE} or {@link TropicalSemiring#INSTANCE}. */
    public static Tensor score(Graph g, Semiring s) {
        boolean tropical = tropical(s);
        Forward f = forward(g, tropical, "score(" + s.name() + ")");
        Tensor out = Tensor.scalar((float) f.total);
        return Autodiff.record(tropical ? "gtn.viterbiScore" : "gtn.forwardScore", out,
                new Tensor[] {g.weights()}, grad -> new Tensor[] {
                    Tensor.of(tropical ? indicator(g, f) : posteriors(g, f), g.arcs()).mul(grad)});
    }

    private static boolean tropical(Semiring s) {
        if (s == TropicalSemiring.INSTANCE) {
            return true;
        }
        if (s == LogSemiring.INSTANCE) {
            return false;
        }
        throw new IllegalArgumentException("ShortestDistance: semiring must be tropical or log, got "
                + (s == null ? "null" : s.name()));
    }

    /** α per state, the score, and (tropical) the arc that won each α (−1: the start weight, or no path). */
    record Forward(double[] alpha, int[] best, double total, int bestAccept) {
    }

    /**
     * The forward recursion; {@code op} names the caller in the error for a cyclic graph. States are visited in
     * topological order, and each pushes α(s) ⊗ w_a along its out-arcs into the destination's running ⊕: for the
     * log semiring an online log-sum-exp, (m, z) with m the lowest term so far and z = Σ exp(m − term), one
     * exponential per arc and one logarithm per state, reading the arcs by source state only.
     */
    static Forward forward(Graph g, boolean tropical, String op) {
        int[] order = g.topologicalOrder(op);
        Graph.Adjacency out = g.out();
        int[] offsets = out.offsets();
        int[] arcs = out.arcs();
        int[] dst = g.dstArray();
        float[] w = g.weightArray();
        int n = g.states();
        double[] alpha = new double[n];
        double[] z = tropical ? null : new double[n];
        int[] best = tropical ? new int[n] : null;
        Arrays.fill(alpha, Double.POSITIVE_INFINITY);
        if (tropical) {
            Arrays.fill(best, -1);
        }
        for (int s : order) {
            double a0;
            if (tropical) {
                a0 = g.isStart(s) ? Math.min(0, alpha[s]) : alpha[s];
                if (g.isStart(s) && 0 <= alpha[s]) {
                    best[s] = -1;
                }
            } else {
                a0 = finish(alpha[s], z[s], g.isStart(s));
            }
            alpha[s] = a0;
            if (a0 == Double.POSITIVE_INFINITY) {
                continue;
            }
            for (int j = offsets[s]; j < offsets[s + 1]; j++) {
                int a = arcs[j];
                int t = dst[a];
                double v = a0 + w[a];
                if (tropical) {
                    if (v < alpha[t]) {
                        alpha[t] = v;
                        best[t] = a;
                    }
                } else if (v < Double.POSITIVE_INFINITY) {
                    double m = alpha[t];
                    if (v >= m) {
                        z[t] += Math.exp(m - v);
                    } else {
                        z[t] = z[t] * Math.exp(v - m) + 1;
                        alpha[t] = v;
                    }
                }
            }
        }
        double m = Double.POSITIVE_INFINITY;
        int bestAccept = -1;
        for (int s = 0; s < n; s++) {
            if (g.isAccept(s) && alpha[s] < m) {
                m = alpha[s];
                bestAccept = s;
            }
        }
        double total = m;
        if (!tropical && m < Double.POSITIVE_INFINITY) {
            double sum = 0;
            for (int s = 0; s < n; s++) {
                if (g.isAccept(s)) {
                    sum += Math.exp(m - alpha[s]);
                }
            }
            total = m - Math.log(sum);
        }
        return new Forward(alpha, best, total, bestAccept);
    }

    /** −log(e^−m · z + [start ? 1 : 0]): a state's α from its running (m, z) and its start weight 0. */
    private static double finish(double m, double z, boolean start) {
        if (start) {
            if (m == Double.POSITIVE_INFINITY) {
                return 0;
            }
            // add the term 0 to (m, z)
            return m >= 0 ? -Math.log(1 + z * Math.exp(-m)) : m - Math.log(z + Math.exp(m));
        }
        return m == Double.POSITIVE_INFINITY ? m : m - Math.log(z);
    }

    /** The arcs of the best path, first to last (empty when there is no path). */
    static int[] bestPath(Graph g, Forward f) {
        int length = 0;
        for (int s = f.bestAccept(); s >= 0 && f.best()[s] >= 0; s = g.src(f.best()[s])) {
            length++;
        }
        int[] path = new int[length];
        for (int s = f.bestAccept(), k = length - 1; k >= 0; s = g.src(f.best()[s]), k--) {
            path[k] = f.best()[s];
        }
        return path;
    }

    /** 1 on the arcs of the best path, 0 elsewhere. */
    private static float[] indicator(Graph g, Forward f) {
        float[] grad = new float[g.arcs()];
        for (int a : bestPath(g, f)) {
            grad[a] += 1;
        }
        return grad;
    }

    /** P(a) = exp(F − α(src a) − w_a − β(dst a)), with β(s) = [accept ? 0 : +∞] soft-min over out-arcs. */
    private static float[] posteriors(Graph g, Forward f) {
        float[] post = new float[g.arcs()];
        if (f.total() == Double.POSITIVE_INFINITY) {
            return post;
        }
        int[] order = g.topologicalOrder("forwardScore");
        Graph.Adjacency out = g.out();
        int[] offsets = out.offsets();
        int[] arcs = out.arcs();
        int[] dst = g.dstArray();
        int[] src = g.srcArray();
        float[] w = g.weightArray();
        double[] beta = new double[g.states()];
        for (int k = order.length - 1; k >= 0; k--) {
            int s = order[k];
            double m = g.isAccept(s) ? 0 : Double.POSITIVE_INFINITY;
            int from = offsets[s];
            int to = offsets[s + 1];
            for (int j = from; j < to; j++) {
                int a = arcs[j];
                m = Math.min(m, w[a] + beta[dst[a]]);
            }
            if (m == Double.POSITIVE_INFINITY) {
                beta[s] = m;
                continue;
            }
            double sum = g.isAccept(s) ? Math.exp(m) : 0;
            for (int j = from; j < to; j++) {
                int a = arcs[j];
                sum += Math.exp(m - w[a] - beta[dst[a]]);
            }
            beta[s] = m - Math.log(sum);
        }
        double[] alpha = f.alpha();
        double total = f.total();
        for (int a = 0; a < post.length; a++) {
            post[a] = (float) Math.exp(total - alpha[src[a]] - w[a] - beta[dst[a]]);
        }
        return post;
    }
}
