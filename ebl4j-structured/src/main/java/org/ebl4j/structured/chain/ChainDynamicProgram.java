package org.ebl4j.structured.chain;

import java.util.List;

import org.ebl4j.structured.semiring.LogSemiring;
import org.ebl4j.structured.semiring.NBestSemiring;
import org.ebl4j.structured.semiring.Semiring;
import org.ebl4j.structured.semiring.Transitions;
import org.ebl4j.structured.semiring.TropicalSemiring;

/**
 * Dynamic programming on a {@link LinearChain}, written once and run in any {@link Semiring} (LeCun et al. 2006,
 * §6; Rabiner 1989 for forward-backward):
 * <pre>
 *   α_0(j) = u_0(j)                          α_t(j) = [⊕_i α_{t−1}(i) ⊗ w_t(i, j)] ⊗ u_t(j)
 *   β_{T−1}(i) = 1̄                            β_t(i) = ⊕_j w_{t+1}(i, j) ⊗ u_{t+1}(j) ⊗ β_{t+1}(j)
 *   total = ⊕_j α_{T−1}(j) = ⊕_j u_0(j) ⊗ β_0(j)
 * </pre>
 * In the tropical semiring total = min_Y E(Y) and the back-pointers give the Viterbi path; in the log semiring
 * total = F = −log Σ_Y exp(−E(Y)) (the free energy), and α ⊗ β gives the marginals; in the n-best semiring the
 * n best paths. T·K² semiring operations each. Every method is safe to call from several threads at once.
 */
public final class ChainDynamicProgram {
    private ChainDynamicProgram() {
    }

    /** The forward pass: α and the total, with back-pointers when the semiring is selective. */
    public static Lattice forward(LinearChain chain, Semiring s) {
        int len = chain.length();
        int k = chain.states();
        int w = s.width();
        double[] alpha = new double[len * k * w];
        int[] from = s.selective() ? new int[len * k * w] : null;
        for (int j = 0; j < k; j++) {
            s.one(alpha, j * w);
            s.times(alpha, j * w, chain.unary(0, j));
        }
        for (int t = 1; t < len; t++) {
            int at = t * k * w;
            s.step(alpha, at - k * w, chain.transitions(t), alpha, at, from, at);
            for (int j = 0; j < k; j++) {
                s.times(alpha, at + j * w, chain.unary(t, j));
            }
        }
        double[] total = new double[w];
        int[] fromEnd = s.selective() ? new int[w] : null;
        s.step(alpha, (len - 1) * k * w, Transitions.free(k, 1), total, 0, fromEnd, 0);
        return new Lattice(chain, s, alpha, from, total, fromEnd);
    }

    /** The backward table β, entry ((t·K + i)·width + r), without the unary energy of t. */
    public static double[] backward(LinearChain chain, Semiring s) {
        int len = chain.length();
        int k = chain.states();
        int w = s.width();
        double[] beta = new double[len * k * w];
        double[] next = new double[k * w];
        for (int i = 0; i < k; i++) {
            s.one(beta, ((len - 1) * k + i) * w);
        }
        for (int t = len - 2; t >= 0; t--) {
            int after = (t + 1) * k * w;
            System.arraycopy(beta, after, next, 0, k * w);
            for (int j = 0; j < k; j++) {
                s.times(next, j * w, chain.unary(t + 1, j));
            }
            s.step(next, 0, chain.transitions(t + 1).transpose(), beta, t * k * w, null, 0);
        }
        return beta;
    }

    /** Y* = argmin_Y E(Y) and E(Y*) (the first path on ties), by the tropical semiring. */
    public static Path viterbi(LinearChain chain) {
        return forward(chain, TropicalSemiring.INSTANCE).paths().get(0);
    }

    /** The n lowest-energy paths, best first (fewer when the chain has fewer than n possible paths). */
    public static List<Path> nBest(LinearChain chain, int n) {
        return forward(chain, new NBestSemiring(n)).paths();
    }

    /** F = −log Σ_Y exp(−E(Y)), by the log semiring. */
    public static double freeEnergy(LinearChain chain) {
        return forward(chain, LogSemiring.INSTANCE).total()[0];
    }

    /** Forward-backward in the log semiring: the free energy and the node and edge marginals of p ∝ exp(−E). */
    public static Marginals marginals(LinearChain chain) {
        Lattice forward = forward(chain, LogSemiring.INSTANCE);
        if (forward.total()[0] == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("ChainDynamicProgram.marginals: every path of the chain has energy "
                    + "+Infinity (forbidden), so p ∝ exp(−E) is undefined");
        }
        return new Marginals(chain, forward.alphas(), backward(chain, LogSemiring.INSTANCE), forward.total()[0]);
    }
}
