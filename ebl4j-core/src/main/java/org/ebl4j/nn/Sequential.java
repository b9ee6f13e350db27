package org.ebl4j.nn;

import java.util.List;

import org.ebl4j.tensor.Tensor;

/** Layers applied in order; children are named "0", "1", ... as in PyTorch's nn.Sequential. */
public final class Sequential extends Layer {
    private final List<Layer> layers;

    public Sequential(Layer... layers) {
        this.layers = List.of(layers);
        for (int i = 0; i < layers.length; i++) {
            child(Integer.toString(i), layers[i]);
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = x;
        for (Layer m : layers) {
            y = m.forward(y);
        }
        return y;
    }

    public List<Layer> layers() {
        return layers;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Sequential(");
        for (int i = 0; i < layers.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(layers.get(i));
        }
        return sb.append(')').toString();
    }
}
