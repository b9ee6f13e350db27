package org.ebl4j.structured.chain;

import java.util.Arrays;

import org.ebl4j.structured.semiring.Transitions;

/**
 * The energy of a linear-chain factor graph over a sequence Y = (y_0, ..., y_{T−1}), y_t ∈ {0, ..., K−1}:
 * <pre>  E(Y) = Σ_t u_t(y_t) + Σ_{t≥1} w_t(y_{t−1}, y_t)</pre>
 * with unary factors u_t (a T × K table) and pairwise factors w_t ({@link Transitions}, K × K, shared by all
 * positions or one per position). An energy is a cost: low = good, p(Y) ∝ exp(−E(Y)) (LeCun et al. 2006, §6:
 * sequence labelling with an energy that is a sum of factors). Immutable; the input X is already folded into the
 * factors (a CRF computes u_t and w_t from the features of X).
 */
public final class LinearChain {
    private final int length;
    private final int states;
    private final double[] unary;
    private final Transitions[] transitions;

    private LinearChain(int length, int states, double[] unary, Transitions[] transitions) {
        this.length = length;
        this.states = states;
        this.unary = unary;
        this.transitions = transitions;
    }

    /**
     * A chain of {@code unary.length / states} positions with unary energies {@code unary[t * states + j]} and the
     * same K × K transition energies between every pair of neighbours.
     */
    public static LinearChain of(int states, double[] unary, Transitions shared) {
        int length = checkUnary(states, unary);
        Transitions[] w = new Transitions[length];
        Arrays.fill(w, shared);
        return new LinearChain(length, states, unary.clone(), checkTransitions(states, w));
    }

    /**
     * A chain with transition energies {@code perPosition[t]} between positions t−1 and t, for t = 1 .. T−1
     * ({@code perPosition[0]} is ignored and may be null).
     */
    public static LinearChain of(int states, double[] unary, Transitions[] perPosition) {
        int length = checkUnary(states, unary);
        if (perPosition == null || perPosition.length != length) {
            throw new IllegalArgumentException("LinearChain: need one Transitions per position (" + length + "), got "
                    + (perPosition == null ? "null" : perPosition.length));
        }
        return new LinearChain(length, states, unary.clone(), checkTransitions(states, perPosition.clone()));
    }

    private static int checkUnary(int states, double[] unary) {
        if (states < 1 || unary == null || unary.length == 0 || unary.length % states != 0) {
            throw new IllegalArgumentException("LinearChain: need states >= 1 and T*states unary energies with T >= 1;"
                    + " got states=" + states + ", " + (unary == null ? "null" : unary.length + " energies"));
        }
        for (int k = 0; k < unary.length; k++) {
            if (Double.isNaN(unary[k]) || unary[k] == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("LinearChain: unary energy (t=" + k / states + ", y=" + k % states
                        + ") is " + unary[k] + "; energies must be finite or +Infinity (forbidden)");
            }
        }
        return unary.length / states;
    }

    private static Transitions[] checkTransitions(int states, Transitions[] w) {
        for (int t = 1; t < w.length; t++) {
            if (w[t] == null || w[t].rows() != states || w[t].cols() != states) {
                throw new IllegalArgumentException("LinearChain: transitions at position " + t + " must be "
                        + states + " x " + states + ", got " + (w[t] == null ? "null"
                        : w[t].rows() + " x " + w[t].cols()));
            }
        }
        return w;
    }

    /** The same transitions with other unary energies (e.g. loss-augmented ones), T × K as before. */
    public LinearChain withUnary(double[] newUnary) {
        if (newUnary == null || newUnary.length != unary.length) {
            throw new IllegalArgumentException("LinearChain.withUnary: need " + unary.length + " energies ("
                    + length + " x " + states + "), got " + (newUnary == null ? "null" : newUnary.length));
        }
        return of(states, newUnary, transitions);
    }

    /** T, the number of positions. */
    public int length() {
        return length;
    }

    /** K, the number of states per position. */
    public int states() {
        return states;
    }

    /** u_t(j). */
    public double unary(int t, int j) {
        return unary[t * states + j];
    }

    /** The transitions between positions t−1 and t, 1 ≤ t &lt; T. */
    public Transitions transitions(int t) {
        if (t < 1 || t >= length) {
            throw new IllegalArgumentException("LinearChain: transitions exist for positions 1.." + (length - 1)
                    + ", got " + t);
        }
        return transitions[t];
    }

    /** E(Y) of a label sequence of length T. */
    public double energy(int[] labels) {
        if (labels == null || labels.length != length) {
            throw new IllegalArgumentException("LinearChain.energy: need " + length + " labels, got "
                    + (labels == null ? "null" : labels.length));
        }
        double e = 0;
        for (int t = 0; t < length; t++) {
            if (labels[t] < 0 || labels[t] >= states) {
                throw new IllegalArgumentException("LinearChain.energy: label " + labels[t] + " at position " + t
                        + " is outside [0, " + states + ")");
            }
            e += unary[t * states + labels[t]];
            if (t > 0) {
                e += transitions[t].energy(labels[t - 1], labels[t]);
            }
        }
        return e;
    }
}
