package org.ebl4j.nn;

import org.ebl4j.tensor.Tensor;

/** max(x, 0). */
public final class ReLU extends Activation {
    public ReLU() {
        super("ReLU", Tensor::relu);
    }
}
