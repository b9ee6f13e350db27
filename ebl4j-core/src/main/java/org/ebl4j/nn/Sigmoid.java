package org.ebl4j.nn;

import org.ebl4j.tensor.Tensor;

/** σ(x) = 1 / (1 + e^−x). */
public final class Sigmoid extends Activation {
    public Sigmoid() {
        super("Sigmoid", Tensor::sigmoid);
    }
}
