package org.ebl4j.unsupervised.volume;

import org.ebl4j.tensor.Tensor;

/**
 * All squared Euclidean distances between the rows of Y [N, d] and of C [K, d], ||y_i − c_k||² =
 * ||y_i||² − 2 y_i·c_k + ||c_k||², as one matrix product (the cross term) plus two broadcast norms, clamped at 0
 * against rounding. Differentiable in both.
 */
final class SquaredDistances {
    private SquaredDistances() {
    }

    /** The distances as [N, K]. */
    static Tensor pairwise(Tensor y, Tensor c) {
        Tensor cNorms = c.square().sum(1, false);
        return y.linear(c.mul(-2f), cNorms).add(y.square().sum(1, true)).maximum(Tensor.scalar(0f));
    }
}
