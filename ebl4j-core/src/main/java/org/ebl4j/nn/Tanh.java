package org.ebl4j.nn;

import org.ebl4j.tensor.Tensor;

/** tanh(x). */
public final class Tanh extends Activation {
    public Tanh() {
        super("Tanh", Tensor::tanh);
    }
}
