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

    /** ||y_i||² of each row: [N]. */
    static Tensor rowNorms(Tensor y) {
        return y.square().sum(1, false);
    }

    /** The distances as [N, K]. */
    static Tensor pairwise(Tensor y, Tensor c) {
        Tensor cNorms = c.square().sum(1, false);
        return y.linear(c.mul(-2f), cNorms).add(rowNorms(y).unsqueeze(1)).maximum(Tensor.scalar(0f));
    }

    /**
     * The distances as [K, N], with the rows' squared norms {@code yNorms} [N] already computed: the orientation
     * for few centres and many points, where every broadcast runs along rows of length N.
     */
    static Tensor fromCentres(Tensor c, Tensor y, Tensor yNorms) {
        Tensor cNorms = c.square().sum(1, true);
        return c.mul(-2f).matmul(y.t()).add(yNorms).add(cNorms).maximum(Tensor.scalar(0f));
    }
}
