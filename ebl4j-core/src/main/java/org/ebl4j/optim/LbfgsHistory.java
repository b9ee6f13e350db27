package org.ebl4j.optim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

import org.ebl4j.tensor.Tensor;

/**
 * The curvature pairs of limited-memory BFGS and the product of the inverse-Hessian approximation with a vector,
 * shared by {@link Lbfgs} and {@link OwlQn}: the last m pairs sₖ = xₖ₊₁ − xₖ, yₖ = ∇fₖ₊₁ − ∇fₖ, kept only when
 * sᵀy &gt; 1e-10 so that H stays positive definite, and d = −Hv by the two-loop recursion (Nocedal &amp; Wright,
 * <i>Numerical Optimization</i>, Algorithm 7.4) with H₀ = γI, γ = sᵀy / yᵀy of the newest pair. Pairs are float32
 * like the parameters; dot products are accumulated in float64. State: "history" (the count) and the tensors
 * "history.k.s", "history.k.y" (k = 0 oldest).
 */
final class LbfgsHistory {
    private static final double MIN_CURVATURE = 1e-10;

    private final int size;
    private final int capacity;
    /** Pairs (s, y), oldest first. */
    private final Deque<float[][]> pairs = new ArrayDeque<>();

    /** Pairs of vectors of {@code size} values, at most {@code capacity} of them. */
    LbfgsHistory(int size, int capacity) {
        this.size = size;
        this.capacity = capacity;
    }

    boolean isEmpty() {
        return pairs.isEmpty();
    }

    /** d = −Hv by the two-loop recursion; −v with no pairs. */
    double[] direction(float[] v) {
        double[] q = new double[size];
        for (int i = 0; i < size; i++) {
            q[i] = v[i];
        }
        int k = pairs.size();
        double[] alpha = new double[k];
        double[] rho = new double[k];
        int j = k;
        for (Iterator<float[][]> it = pairs.descendingIterator(); it.hasNext(); ) {
            float[][] pair = it.next();
            j--;
            rho[j] = 1 / FlatParameters.dot(pair[1], pair[0]);
            alpha[j] = rho[j] * FlatParameters.dot(pair[0], q);
            FlatParameters.axpy(-alpha[j], pair[1], q);
        }
        if (k > 0) {
            float[][] last = pairs.peekLast();
            double gamma = FlatParameters.dot(last[0], last[1]) / FlatParameters.dot(last[1], last[1]);
            for (int i = 0; i < size; i++) {
                q[i] *= gamma;
            }
        }
        j = 0;
        for (float[][] pair : pairs) {
            double beta = rho[j] * FlatParameters.dot(pair[1], q);
            FlatParameters.axpy(alpha[j] - beta, pair[0], q);
            j++;
        }
        for (int i = 0; i < size; i++) {
            q[i] = -q[i];
        }
        return q;
    }

    /** Adds (s, y) = (x₁ − x₀, g₁ − g₀) when sᵀy &gt; 1e-10, dropping the oldest pair beyond m. */
    void remember(float[] x1, float[] x0, float[] g1, float[] g0) {
        float[] s = new float[size];
        float[] y = new float[size];
        for (int i = 0; i < size; i++) {
            s[i] = x1[i] - x0[i];
            y[i] = g1[i] - g0[i];
        }
        if (FlatParameters.dot(s, y) > MIN_CURVATURE) {
            if (pairs.size() == capacity) {
                pairs.removeFirst();
            }
            pairs.addLast(new float[][] {s, y});
        }
    }

    /** Adds the pairs to an optimiser's snapshot. */
    void save(Map<String, Tensor> tensors, Map<String, String> values) {
        values.put("history", Integer.toString(pairs.size()));
        int k = 0;
        for (float[][] pair : pairs) {
            tensors.put("history." + k + ".s", Tensor.of(pair[0], size));
            tensors.put("history." + k + ".y", Tensor.of(pair[1], size));
            k++;
        }
    }

    /** Replaces the pairs by those of {@code state}, saved by {@code owner}'s class; checks the count and shapes. */
    void restore(Optimizer owner, OptimizerState state) {
        int count = Integer.parseInt(owner.value(state, "history"));
        if (count > capacity) {
            throw new IllegalArgumentException(owner.name() + ".loadState: state holds " + count + " history pairs, "
                    + "this optimiser keeps at most " + capacity);
        }
        Deque<float[][]> restored = new ArrayDeque<>();
        for (int k = 0; k < count; k++) {
            restored.addLast(new float[][] {vector(owner, state, "history." + k + ".s"),
                    vector(owner, state, "history." + k + ".y")});
        }
        pairs.clear();
        pairs.addAll(restored);
    }

    private float[] vector(Optimizer owner, OptimizerState state, String key) {
        float[] v = owner.floats(state, key, new int[] {size});
        if (v == null) {
            throw new IllegalArgumentException(owner.name() + ".loadState: missing tensor '" + key + "'");
        }
        return v;
    }
}
