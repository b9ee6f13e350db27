package org.ebl4j.energy.architecture;

import java.util.List;

import org.ebl4j.energy.DiscreteEnergy;
import org.ebl4j.nn.Layer;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * The binary classifier architecture, E(W, Y, X) = −Y·G_W(X) with Y ∈ {−1, +1} (LeCun et al. 2006, §3, Fig. 6;
 * "Simple Architectures" slide): a network G_W gives one score per sample and inference picks Y* = sign(G_W(X)).
 *
 * <p>As a {@link DiscreteEnergy} with K = 2 answers: label 0 stands for Y = −1 (energy +G_W(X)) and label 1 for
 * Y = +1 (energy −G_W(X)), so {@link #energies} is [B, 2] = [G, −G]. The energy gap between the two answers is
 * 2|G|: with a linear G_W(X) = w·X + b the hinge loss is the linear SVM's max(0, m − 2Y(w·X + b)), the log loss
 * logistic regression's log(1 + exp(−2Y(w·X + b))).
 */
public final class BinaryClassifier extends DiscreteEnergy {
    private final Layer network;

    /** G_W: maps x [B, ...] to scores [B, 1] or [B]. */
    public BinaryClassifier(Layer network) {
        if (network == null) {
            throw new IllegalArgumentException("BinaryClassifier: network is null");
        }
        this.network = child("g", network);
    }

    @Override
    public int answers() {
        return 2;
    }

    @Override
    public Tensor energies(Tensor x) {
        Tensor g = score(x).unsqueeze(1);
        return Tensor.cat(List.of(g, g.neg()), 1);
    }

    /** G_W(X), [B]: positive scores vote for label 1 (Y = +1). */
    public Tensor score(Tensor x) {
        if (x == null) {
            throw new IllegalArgumentException("BinaryClassifier: needs an input X");
        }
        Tensor g = network.forward(x);
        if (g.dim() == 2 && g.shape(1) == 1) {
            return g.reshape(g.shape(0));
        }
        if (g.dim() != 1) {
            throw new IllegalArgumentException("BinaryClassifier: G(X) must have shape [B, 1] or [B], got "
                    + Shape.str(g.shape()));
        }
        return g;
    }

    public Layer network() {
        return network;
    }
}
