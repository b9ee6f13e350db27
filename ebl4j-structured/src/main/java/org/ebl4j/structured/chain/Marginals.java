package org.ebl4j.structured.chain;

import org.ebl4j.structured.semiring.Boltzmann;
import org.ebl4j.structured.semiring.Transitions;

/**
 * The marginals of the Gibbs distribution p(Y) = exp(−E(Y) + F) of a {@link LinearChain}, from forward-backward in
 * the log semiring (α includes u_t, β does not):
 * <pre>
 *   p(y_t = j)                = exp(F − α_t(j) − β_t(j))
 *   p(y_{t−1} = i, y_t = j)   = exp(F − α_{t−1}(i) − w_t(i, j) − u_t(j) − β_t(j))
 * </pre>
 * F is the free energy. They are the gradients of F: ∂F/∂u_t(j) = p(y_t = j), ∂F/∂w_t(i, j) = p(y_{t−1} = i,
 * y_t = j), which is what NLL training of a CRF needs (Lafferty, McCallum &amp; Pereira 2001).
 */
public final class Marginals {
    /** Above this exponent the factored edge formula could overflow: that column is computed term by term. */
    private static final double MAX_EXPONENT = 700;

    private final LinearChain chain;
    private final double[] alpha;
    private final double[] beta;
    private final double freeEnergy;

    Marginals(LinearChain chain, double[] alpha, double[] beta, double freeEnergy) {
        this.chain = chain;
        this.alpha = alpha;
        this.beta = beta;
        this.freeEnergy = freeEnergy;
    }

    public LinearChain chain() {
        return chain;
    }

    /** F = −log Σ_Y exp(−E(Y)). */
    public double freeEnergy() {
        return freeEnergy;
    }

    /** p(y_t = j). */
    public double node(int t, int j) {
        int k = chain.states() * t + j;
        return Math.exp(freeEnergy - alpha[k] - beta[k]);
    }

    /** All node marginals, entry t·K + j (each row sums to 1). */
    public double[] nodes() {
        double[] p = new double[alpha.length];
        for (int k = 0; k < p.length; k++) {
            p[k] = alpha[k] + beta[k];
        }
        Boltzmann.factors(p, 0, freeEnergy, p, 0, p.length);
        return p;
    }

    /** p(y_{t−1} = i, y_t = j), 1 ≤ t &lt; T. */
    public double edge(int t, int i, int j) {
        int k = chain.states();
        return Math.exp(freeEnergy - alpha[(t - 1) * k + i] - chain.transitions(t).energy(i, j) - chain.unary(t, j)
                - beta[t * k + j]);
    }

    /**
     * The K × K edge marginals between positions t−1 and t into {@code out} (row-major, entry i·K + j; they sum to
     * 1). See {@link #addEdges}.
     */
    public void edges(int t, double[] out) {
        int k = chain.states();
        java.util.Arrays.fill(out, 0, k * k, 0);
        addEdges(t, out, 0);
    }

    /**
     * Adds the K × K edge marginals between positions t−1 and t to {@code target[at + i·K + j]} (what a gradient
     * accumulates). Computed as a_i · exp(−(w_ij − c_j)) · b_j with a_i = exp(A − α_{t−1}(i)) and
     * b_j = exp(F − A − c_j − u_t(j) − β_t(j)), A = min_i α_{t−1}(i) ({@link Transitions#addWeightedFactors}): 2K
     * exponentials and K² products instead of K² exponentials. a_i ≤ 1; a b_j that could overflow (the best
     * transition into j leaves a state far worse than the best) makes that column be computed term by term.
     */
    public void addEdges(int t, double[] target, int at) {
        int k = chain.states();
        Transitions w = chain.transitions(t);
        double shift = Double.POSITIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            shift = Math.min(shift, alpha[(t - 1) * k + i]);
        }
        double[] a = new double[k];
        Boltzmann.factors(alpha, (t - 1) * k, shift, a, 0, k);
        double[] b = new double[k];
        boolean exact = false;
        for (int j = 0; j < k; j++) {
            b[j] = shift + w.columnMin(j) + chain.unary(t, j) + beta[t * k + j];
            exact |= freeEnergy - b[j] > MAX_EXPONENT;
        }
        if (exact) {
            for (int j = 0; j < k; j++) {
                if (freeEnergy - b[j] > MAX_EXPONENT) {
                    b[j] = Double.POSITIVE_INFINITY;
                    for (int i = 0; i < k; i++) {
                        target[at + i * k + j] += edge(t, i, j);
                    }
                }
            }
        }
        Boltzmann.factors(b, 0, freeEnergy, b, 0, k);
        w.addWeightedFactors(a, b, target, at);
    }
}
