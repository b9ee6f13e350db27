package org.ebl4j.nn;

import java.util.function.UnaryOperator;

import org.ebl4j.tensor.Tensor;

/** A parameter-free element-wise non-linearity as a module. */
public class Activation extends Layer {
    private final String name;
    private final UnaryOperator<Tensor> f;

    protected Activation(String name, UnaryOperator<Tensor> f) {
        this.name = name;
        this.f = f;
    }

    @Override
    public final Tensor forward(Tensor x) {
        return f.apply(x);
    }

    @Override
    public String toString() {
        return name;
    }
}
