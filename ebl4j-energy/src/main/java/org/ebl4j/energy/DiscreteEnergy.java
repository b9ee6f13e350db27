package org.ebl4j.energy;

import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * An energy over a finite answer set Y ∈ {0, 1, ..., K−1} (labels): all K energies of a sample come out of one
 * forward pass, as in the tutorial's multiclass architecture (energy = network output per label, Fig. 6c).
 *
 * <p>An answer tensor {@code y} holds label indices as floats, shape [B]; {@link #labels} checks and converts it.
 * Exhaustive inference, the discrete most-offending-incorrect-answer and the exact log-partition of the NLL loss
 * all read {@link #energies}.
 */
public abstract class DiscreteEnergy extends Energy {
    /** K, the number of possible answers. */
    public abstract int answers();

    /** E(W, y, X) for every answer y: a [B, K] tensor. */
    public abstract Tensor energies(Tensor x);

    /** E(W, Y, X) of the given answers: row b of {@link #energies} at column y[b]. */
    @Override
    public Tensor energy(Tensor x, Tensor y) {
        return pick(energies(x), y);
    }

    /** Row b of {@code energies} ([B, K]) at column y[b]: the energies of the given answers, [B]. */
    public static Tensor pick(Tensor energies, Tensor y) {
        Indices idx = labels(y, energies.shape(1));
        if (idx.numel() != energies.shape(0)) {
            throw new IllegalArgumentException("discrete energy: " + idx.numel() + " answers for a batch of "
                    + energies.shape(0));
        }
        return energies.gather(1, idx.reshape(idx.numel(), 1)).reshape(idx.numel());
    }

    /** Row-wise argmin of {@code energies} ([B, K]) as answers: float labels [B] (the first on ties). */
    public static Tensor argmin(Tensor energies) {
        return answers(energies.detach().neg().argmax(1));
    }

    /** Labels as the answers of a discrete energy: float label indices of the same shape. */
    public static Tensor answers(Indices labels) {
        float[] v = new float[labels.numel()];
        for (int i = 0; i < v.length; i++) {
            v[i] = labels.data()[i];
        }
        return Tensor.of(v, labels.shape());
    }

    /** Label indices in {@code y} (shape [B], integral values in [0, k)), or a clear error naming the bad entry. */
    public static Indices labels(Tensor y, int k) {
        if (y.dim() != 1) {
            throw new IllegalArgumentException("discrete answers must have shape [B], got " + Shape.str(y.shape()));
        }
        float[] v = y.toArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i]) || v[i] < 0 || v[i] >= k) {
                throw new IllegalArgumentException("discrete answer " + i + " is " + v[i] + ", expected an integer in [0, "
                        + k + ")");
            }
            out[i] = (int) v[i];
        }
        return new Indices(new int[] {out.length}, out);
    }
}
