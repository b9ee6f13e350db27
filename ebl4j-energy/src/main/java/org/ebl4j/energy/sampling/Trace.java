package org.ebl4j.energy.sampling;

import java.util.ArrayList;
import java.util.List;

import org.ebl4j.tensor.Tensor;

/**
 * The states a sampler keeps: every {@code thin}-th state of the chains, stacked into [n, B, ...] at the end
 * (thin = 0 keeps nothing).
 */
final class Trace {
    private final int thin;
    private final List<Tensor> states = new ArrayList<>();
    private int seen;

    Trace(int thin) {
        this.thin = thin;
    }

    /** Rejects a negative thinning interval. */
    static int checkThin(String who, int thin) {
        if (thin < 0) {
            throw new IllegalArgumentException(who + ": trace thinning must be >= 0 (0 = no trace), got " + thin);
        }
        return thin;
    }

    /**
     * Offers the state after one more transition (samplers never change a state in place, so it is kept as is);
     * keeps it when the number of states offered so far is a multiple of thin.
     */
    void offer(Tensor y) {
        seen++;
        if (thin > 0 && seen % thin == 0) {
            states.add(y);
        }
    }

    /** The kept states [n, B, ...], or null when no trace was asked for or none was kept. */
    Tensor tensor() {
        return states.isEmpty() ? null : Tensor.stack(states, 0);
    }
}
