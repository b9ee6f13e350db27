package org.ebl4j.structured.semiring;

import java.util.Arrays;

/**
 * A semiring over energies, the algebra a dynamic program runs in (LeCun et al., "A Tutorial on Energy-Based
 * Learning", 2006, §6-7; Mohri, "Semiring frameworks and algorithms for shortest-distance problems", 2002). The
 * energy of a path through a factor graph is the ⊗-product of its factors' energies, and the value of a set of
 * paths is their ⊕-sum; one forward algorithm computes, depending on the semiring,
 * <ul>
 *   <li>{@link TropicalSemiring} (min, +): the lowest path energy, with back-pointers the Viterbi path;</li>
 *   <li>{@link LogSemiring} (⊕ = −log(e^−a + e^−b), +): the free energy F = −log Σ_paths exp(−E), the forward
 *       algorithm "without the normalisation step";</li>
 *   <li>{@link NBestSemiring} (the n lowest energies of a multiset, +): the n best paths, with back-pointers.</li>
 * </ul>
 * Values are energies (costs: low = good, p ∝ exp(−E)): in all three semirings ⊗ is + on each entry, 1̄ = 0 and
 * 0̄ = +∞ (an impossible path). A value is a cell of {@link #width()} doubles inside a larger array ({@code at} is
 * its first index), so that dynamic programs store tables without boxing: one double for the tropical and log
 * semirings, the n sorted best energies for the n-best semiring.
 *
 * <p>{@link #step} is the inner loop of every chain algorithm, the vector-matrix product of the semiring, and is
 * written per semiring for speed; {@link #plus} and {@link #times} are the algebra it must agree with (pinned by
 * the semiring contract test).
 */
public interface Semiring {
    /** The name used in messages and tables ("tropical", "log", "3-best"). */
    String name();

    /** Doubles per value. */
    int width();

    /** Writes 0̄, the neutral element of ⊕ (no path: energy +∞ in every entry). */
    default void zero(double[] v, int at) {
        Arrays.fill(v, at, at + width(), Double.POSITIVE_INFINITY);
    }

    /** Writes 1̄, the neutral element of ⊗ (the empty path: energy 0 first, no other path). */
    default void one(double[] v, int at) {
        zero(v, at);
        v[at] = 0;
    }

    /** out = a ⊕ b; {@code out} may be either operand. */
    void plus(double[] a, int aAt, double[] b, int bAt, double[] out, int outAt);

    /** out = a ⊗ b; {@code out} may be either operand. */
    void times(double[] a, int aAt, double[] b, int bAt, double[] out, int outAt);

    /** v ⊗= the single-path value of energy e: adds e to every entry (+∞ stays +∞). */
    default void times(double[] v, int at, double e) {
        for (int r = 0; r < width(); r++) {
            v[at + r] += e;
        }
    }

    /**
     * Whether ⊕ keeps entries of its operands rather than mixing them (tropical, n-best): then {@link #step}
     * records where each entry came from and paths can be traced back.
     */
    boolean selective();

    /**
     * One step of a dynamic program over the rows × cols energy matrix w: for each column j,
     * out_j = ⊕_i (in_i ⊗ w_ij), reading the rows() values of {@code in} from {@code inAt} and writing the cols()
     * values of {@code out} from {@code outAt}. A {@link #selective()} semiring writes, into {@code from} at
     * {@code fromAt + j·width + r}, the index i·width + s of the input entry that entry r of out_j extends (−1 for
     * an impossible entry); others ignore {@code from}, which may then be null.
     */
    void step(double[] in, int inAt, Transitions w, double[] out, int outAt, int[] from, int fromAt);
}
