package org.ebl4j.energy.sampling;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.Energy;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * What the Markov chain samplers share: checking settings and inputs, detached energies and the per-chain
 * Metropolis accept/reject step (Metropolis et al. 1953; Hastings 1970) with its row selection.
 */
final class Chains {
    private Chains() {
    }

    /** {@code value} when it is > 0 and finite, else a clear error naming the setting. */
    static double positive(String who, String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(who + ": " + name + " must be > 0 and finite, got " + value);
        }
        return value;
    }

    /** Rejects a missing energy, a start without a batch axis, or a non-positive number of transitions. */
    static void checkRun(String who, Energy energy, Tensor yInit, int steps) {
        if (energy == null) {
            throw new IllegalArgumentException(who + ": energy is null");
        }
        if (yInit == null || yInit.dim() < 1 || yInit.shape(0) < 1) {
            throw new IllegalArgumentException(who + ": yInit must have shape [B, ...] with B >= 1 chains, got "
                    + (yInit == null ? "null" : Shape.str(yInit.shape())));
        }
        if (steps < 1) {
            throw new IllegalArgumentException(who + ": steps must be >= 1, got " + steps);
        }
    }

    /** E(W, Y, X) with no graph recorded: a detached [B] tensor. */
    static Tensor energy(Energy energy, Tensor x, Tensor y) {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            Tensor e = energy.energy(x, y);
            if (e.dim() != 1 || e.shape(0) != y.shape(0)) {
                throw new IllegalArgumentException(energy.getClass().getSimpleName() + ": energy of shape "
                        + Shape.str(e.shape()) + " for " + y.shape(0) + " chains, expected [" + y.shape(0) + "]");
            }
            return e;
        }
    }

    /**
     * The Metropolis test of every chain: chain b moves to its proposal when log u_b &lt; logRatio[b] with
     * u_b ~ U(0, 1] (a ratio of −∞ or NaN always rejects). Returns the accepted flags.
     */
    static boolean[] metropolis(float[] logRatio, Rng rng) {
        boolean[] accept = new boolean[logRatio.length];
        for (int b = 0; b < accept.length; b++) {
            accept[b] = Math.log(1.0 - rng.nextDouble()) < logRatio[b];
        }
        return accept;
    }

    /** Row b of {@code proposal} where accept[b], else row b of {@code current} (a new contiguous tensor). */
    static Tensor select(boolean[] accept, Tensor proposal, Tensor current) {
        float[] out = current.toArray();
        float[] prop = proposal.toArray();
        int row = out.length / accept.length;
        for (int b = 0; b < accept.length; b++) {
            if (accept[b]) {
                System.arraycopy(prop, b * row, out, b * row, row);
            }
        }
        return Tensor.of(out, current.shape());
    }

    /** The number of true flags. */
    static int count(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return n;
    }
}
