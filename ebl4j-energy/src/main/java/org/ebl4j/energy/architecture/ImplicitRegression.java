package org.ebl4j.energy.architecture;

import org.ebl4j.energy.Energy;
import org.ebl4j.nn.Distance;
import org.ebl4j.nn.Layer;
import org.ebl4j.nn.SquaredL2Distance;
import org.ebl4j.tensor.Tensor;

/**
 * The implicit regression architecture, E(W, Y, X) = D(G1_W(X), G2_W(Y)) (LeCun et al. 2006, §3; "Simple
 * Architecture: Implicit Regression" slide, which uses D = ‖G1(X) − G2(Y)‖): two networks map the input and the
 * answer into a common space, and the energy is their distance there. It encodes a constraint between X and Y
 * rather than a function, so several answers may have low energy, and inference needs a search over Y. Because
 * nothing stops G1 and G2 from mapping everything to one point, training it with the energy loss collapses; a
 * contrastive loss (hinge, square-square, NLL) is needed.
 *
 * <p>The networks' outputs are flattened to [B, features] before D compares them. The default D is
 * {@link SquaredL2Distance} (smooth everywhere); pass {@link org.ebl4j.nn.L1Distance} or any {@link Distance}.
 * Passing the same layer as G1 and G2 gives the Siamese architecture, E(W, X2, X1) = D(G_W(X1), G_W(X2)), with
 * the weights shared (registered once, under "g").
 */
public final class ImplicitRegression extends Energy {
    private final Layer inputNetwork;
    private final Layer answerNetwork;
    private final Distance distance;

    /** D = squared Euclidean distance. */
    public ImplicitRegression(Layer inputNetwork, Layer answerNetwork) {
        this(inputNetwork, answerNetwork, new SquaredL2Distance());
    }

    public ImplicitRegression(Layer inputNetwork, Layer answerNetwork, Distance distance) {
        if (inputNetwork == null || answerNetwork == null || distance == null) {
            throw new IllegalArgumentException("ImplicitRegression: the two networks and the distance must be "
                    + "non-null");
        }
        if (inputNetwork == answerNetwork) {
            child("g", inputNetwork);
        } else {
            child("g1", inputNetwork);
            child("g2", answerNetwork);
        }
        this.inputNetwork = inputNetwork;
        this.answerNetwork = answerNetwork;
        this.distance = distance;
    }

    @Override
    public Tensor energy(Tensor x, Tensor y) {
        if (x == null) {
            throw new IllegalArgumentException("ImplicitRegression: needs an input X");
        }
        return distance.between(flat(inputNetwork.forward(x)), flat(answerNetwork.forward(y)));
    }

    private static Tensor flat(Tensor t) {
        return t.dim() == 2 ? t : t.reshape(t.shape(0), t.numel() / t.shape(0));
    }

    public Distance distance() {
        return distance;
    }
}
