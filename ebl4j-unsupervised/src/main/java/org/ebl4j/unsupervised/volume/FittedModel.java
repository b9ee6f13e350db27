package org.ebl4j.unsupervised.volume;

import java.util.Arrays;

import org.ebl4j.tensor.Tensor;
import org.ebl4j.unsupervised.UnsupervisedModel;

/**
 * What the closed-form models of this package share: their fitted quantities are buffers (saved by
 * {@code stateDict()}, restored by {@code loadStateDict()} into a model fitted on data of the same shape), registered
 * by the first {@code fit} and overwritten in place by later ones; and the checks on data and points.
 */
abstract class FittedModel extends UnsupervisedModel {
    private int dimension;

    /**
     * Registers {@code value} as buffer {@code name} on the first fit ({@code current == null}); later, copies it
     * into {@code current} in place (the shape may not change). Returns the buffer.
     */
    protected final Tensor keep(String name, Tensor current, Tensor value) {
        Tensor v = value.detach();
        if (current == null) {
            return buffer(name, v.contiguousCopy());
        }
        if (!Arrays.equals(current.shape(), v.shape())) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": was fitted with " + name + " of shape "
                    + Arrays.toString(current.shape()) + ", a refit would give " + Arrays.toString(v.shape())
                    + "; make a new model for data of another dimension");
        }
        return current.copyFrom(v);
    }

    /** Marks the model as fitted to data of dimension d (call at the end of a successful {@code fit}). */
    protected final void markFitted(int d) {
        dimension = d;
    }

    /** d, the dimension of the data the model was fitted to. */
    public final int dimension() {
        requireFitted("dimension");
        return dimension;
    }

    /** Throws {@link IllegalStateException} unless {@code fit} has run. */
    protected final void requireFitted(String what) {
        if (dimension == 0) {
            throw new IllegalStateException(getClass().getSimpleName() + "." + what + ": call fit(data) first");
        }
    }

    /** Checks training data: a finite [N, d] tensor with N >= {@code minRows} and d >= 1. */
    protected final void checkData(Tensor data, int minRows, String rowsReason) {
        String who = getClass().getSimpleName() + ".fit";
        if (data == null || data.dim() != 2 || data.shape(1) < 1) {
            throw new IllegalArgumentException(who + ": data must be [N, d], got "
                    + (data == null ? "null" : Arrays.toString(data.shape())));
        }
        if (data.shape(0) < minRows) {
            throw new IllegalArgumentException(who + ": needs at least " + minRows + " rows (" + rowsReason
                    + "), got " + data.shape(0));
        }
        if (!Float.isFinite(data.detach().sum().item())) {
            throw new IllegalArgumentException(who + ": data contains NaN or infinite values");
        }
    }

    /** Checks points handed to a fitted model: [N, d] with the fitted d. */
    protected final void checkPoints(String what, Tensor y) {
        requireFitted(what);
        if (y == null || y.dim() != 2 || y.shape(1) != dimension) {
            throw new IllegalArgumentException(getClass().getSimpleName() + "." + what + ": points must be [N, "
                    + dimension + "], got " + (y == null ? "null" : Arrays.toString(y.shape())));
        }
    }
}
