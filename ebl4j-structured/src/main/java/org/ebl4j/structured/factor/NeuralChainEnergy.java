package org.ebl4j.structured.factor;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.Energy;
import org.ebl4j.energy.inference.Inference;
import org.ebl4j.energy.loss.LogPartition;
import org.ebl4j.nn.Layer;
import org.ebl4j.structured.energy.ChainLogPartition;
import org.ebl4j.structured.energy.ChainViterbi;
import org.ebl4j.structured.energy.LinearChainEnergy;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * A linear-chain factor graph with non-linear unary factors (LeCun et al. 2006, §6-7, "non-linear factors"; Graph
 * Transformer Networks, LeCun et al. 1998): a network G_V maps the input X ([B, T, D], e.g. a window of features
 * around each position) to unary energies and a trainable K × K table W scores transitions,
 * <pre>  E(V, W, Y, X) = Σ_t G_V(X)[t, y_t] + Σ_{t≥1} W[y_{t−1}, y_t]</pre>
 * i.e. a {@link LinearChainEnergy} evaluated on G_V(X). Trained end-to-end with the loss table by autodiff: the
 * gradient of every loss reaches V through the unary energies. {@link #logPartition()} gives
 * {@code NegativeLogLikelihoodLoss} its log-partition by the forward algorithm (∂F/∂unary = the marginals),
 * {@link #viterbi()} gives {@code PerceptronLoss} and evaluation the Viterbi path, and {@link ChainOffendingAnswer}
 * the generalized margin losses (hinge, log, ...) their most offending incorrect sequence.
 */
public final class NeuralChainEnergy extends Energy {
    private final Layer network;
    private final LinearChainEnergy chain;

    /** G_V maps X [B, T, ...] to unary energies [B, T, states]; the transitions start at 0. */
    public NeuralChainEnergy(Layer network, int states) {
        if (network == null) {
            throw new IllegalArgumentException("NeuralChainEnergy: network is null");
        }
        this.network = child("network", network);
        this.chain = child("chain", new LinearChainEnergy(states));
    }

    public Layer network() {
        return network;
    }

    /** The chain whose unary energies are G_V(X): its transitions are this energy's W. */
    public LinearChainEnergy chain() {
        return chain;
    }

    /** G_V(X), [B, T, K] (recorded for autodiff when gradients are on). */
    public Tensor unary(Tensor x) {
        if (x == null || x.dim() < 2) {
            throw new IllegalArgumentException("NeuralChainEnergy: X must be [B, T, ...], got "
                    + (x == null ? "null" : Shape.str(x.shape())));
        }
        Tensor u = network.forward(x);
        if (u.dim() != 3 || u.shape(0) != x.shape(0) || u.shape(1) != x.shape(1) || u.shape(2) != chain.states()) {
            throw new IllegalArgumentException("NeuralChainEnergy: the network must map X " + Shape.str(x.shape())
                    + " to unary energies [" + x.shape(0) + ", " + x.shape(1) + ", " + chain.states() + "], got "
                    + Shape.str(u.shape()));
        }
        return u;
    }

    @Override
    public Tensor energy(Tensor x, Tensor y) {
        return chain.energy(unary(x), y);
    }

    /** Viterbi inference: {@link ChainViterbi} on the chain of G_V(X). */
    public static Inference viterbi() {
        return (energy, x) -> {
            NeuralChainEnergy n = of(energy, "viterbi");
            try (Autodiff.Scope s = Autodiff.noGrad()) {
                return new ChainViterbi().infer(n.chain, n.unary(x));
            }
        };
    }

    /** The exact log-partition: {@link ChainLogPartition} on the chain of G_V(X), differentiable in V and W. */
    public static LogPartition logPartition() {
        return (energy, x, y, beta) -> {
            NeuralChainEnergy n = of(energy, "logPartition");
            return new ChainLogPartition().freeEnergy(n.chain, n.unary(x), y, beta);
        };
    }

    private static NeuralChainEnergy of(Energy energy, String what) {
        if (!(energy instanceof NeuralChainEnergy n)) {
            throw new IllegalArgumentException("NeuralChainEnergy." + what + ": needs a NeuralChainEnergy, got "
                    + (energy == null ? "null" : energy.getClass().getSimpleName()));
        }
        return n;
    }
}
