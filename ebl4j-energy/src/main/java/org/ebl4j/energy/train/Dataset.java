package org.ebl4j.energy.train;

import java.util.Arrays;

import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * The training set S = {(X^i, Y^i) : i = 1..P} of the tutorial (§2): row i of {@code x} ([P, ...]) is an input and
 * row i of {@code y} ([P, ...]) its correct answer. {@code x} may be null for an energy with no input (a density
 * over Y alone); discrete answers are float labels of shape [P] (see {@link org.ebl4j.energy.DiscreteEnergy}).
 */
public record Dataset(Tensor x, Tensor y) {
    public Dataset {
        if (y == null || y.dim() == 0 || y.shape(0) == 0) {
            throw new IllegalArgumentException("Dataset: answers y must have shape [P, ...] with P >= 1, got "
                    + (y == null ? "null" : Shape.str(y.shape())));
        }
        if (x != null && (x.dim() == 0 || x.shape(0) != y.shape(0))) {
            throw new IllegalArgumentException("Dataset: inputs x " + Shape.str(x.shape()) + " and answers y "
                    + Shape.str(y.shape()) + " must have the same number of rows");
        }
    }

    /** P, the number of samples. */
    public int size() {
        return y.shape(0);
    }

    /** The samples at {@code rows}, in that order (a mini-batch). */
    public Dataset rows(Indices rows) {
        return new Dataset(x == null ? null : x.indexSelect(rows), y.indexSelect(rows));
    }

    /** A training part and a held-out part. */
    public record Split(Dataset train, Dataset test) {
    }

    /**
     * A random split: the samples are shuffled with {@code rng} and the first round(fraction·P) go to
     * {@link Split#train}, the rest to {@link Split#test}; both parts keep at least one sample.
     *
     * @param fraction in (0, 1)
     */
    public Split split(double fraction, Rng rng) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("Dataset.split: fraction must be in (0, 1), got " + fraction);
        }
        int p = size();
        int first = (int) Math.round(fraction * p);
        if (first < 1 || first > p - 1) {
            throw new IllegalArgumentException("Dataset.split: fraction " + fraction + " of " + p
                    + " samples leaves an empty part");
        }
        int[] order = rng.permutation(p);
        return new Split(rows(Indices.of(Arrays.copyOfRange(order, 0, first))),
                rows(Indices.of(Arrays.copyOfRange(order, first, p))));
    }
}
