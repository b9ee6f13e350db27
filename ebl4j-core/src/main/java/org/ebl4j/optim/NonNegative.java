package org.ebl4j.optim;

import java.nio.FloatBuffer;

import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * Projection onto the non-negative orthant, W ← max(W, 0) element-wise (projected gradient for non-negative
 * matrix factorisation and non-negative sparse coding, Hoyer 2002). NaN values are left as they are.
 */
public final class NonNegative implements Constraint {
    @Override
    public void project(Tensor param) {
        if (!param.isContiguous()) {
            throw new IllegalArgumentException("NonNegative: needs a contiguous tensor, got shape "
                    + Shape.str(param.shape()));
        }
        FloatBuffer d = param.storage().buffer();
        int end = param.offset() + param.numel();
        for (int k = param.offset(); k < end; k++) {
            if (d.get(k) < 0) {
                d.put(k, 0f);
            }
        }
    }

    @Override
    public String toString() {
        return "NonNegative";
    }
}
