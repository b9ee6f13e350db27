package org.ebl4j.nn;

import org.ebl4j.tensor.Tensor;

/** A module with one input and one output (EBLearn's module_1_1): linear maps, convolutions, non-linearities. */
public abstract class Layer extends Module {
    /** The layer's output for input {@code x}. */
    public abstract Tensor forward(Tensor x);
}
