package org.ebl4j.energy.architecture;

import org.ebl4j.energy.DiscreteEnergy;
import org.ebl4j.nn.Layer;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * The multiclass classifier architecture, E(W, Y, X) = G_W(X)_Y (LeCun et al. 2006, §3, Fig. 6; "Simple
 * Architectures" slide): a network with K outputs, the energy of label k being output k ("energy = network output
 * per label"). Inference is the argmin over the K outputs.
 */
public final class MulticlassClassifier extends DiscreteEnergy {
    private final Layer network;
    private final int classes;

    /** G_W: maps x [B, ...] to energies [B, classes]; classes &ge; 2. */
    public MulticlassClassifier(Layer network, int classes) {
        if (network == null) {
            throw new IllegalArgumentException("MulticlassClassifier: network is null");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("MulticlassClassifier: classes must be >= 2, got " + classes);
        }
        this.network = child("g", network);
        this.classes = classes;
    }

    @Override
    public int answers() {
        return classes;
    }

    @Override
    public Tensor energies(Tensor x) {
        if (x == null) {
            throw new IllegalArgumentException("MulticlassClassifier: needs an input X");
        }
        Tensor e = network.forward(x);
        if (e.dim() != 2 || e.shape(1) != classes) {
            throw new IllegalArgumentException("MulticlassClassifier: G(X) must have shape [B, " + classes + "], got "
                    + Shape.str(e.shape()));
        }
        return e;
    }

    public Layer network() {
        return network;
    }
}
