package org.ebl4j.nn;

import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * A dissimilarity between two batches of vectors compared along the last axis: the output has the leading
 * (batch) shape. Used as the energy of Siamese nets, implicit regression E = D(G1(X), G2(Y)) and auto-encoders.
 */
public interface Distance {
    Tensor between(Tensor a, Tensor b);

    /** Checks the two operands have the same shape; names the distance in the error. */
    static void checkSameShape(String name, Tensor a, Tensor b) {
        if (!java.util.Arrays.equals(a.shape(), b.shape()) || a.dim() == 0) {
            throw new IllegalArgumentException(name + ": operands must have the same shape of rank >= 1, got "
                    + Shape.str(a.shape()) + " and " + Shape.str(b.shape()));
        }
    }
}
