package org.ebl4j.structured.energy;

import org.ebl4j.energy.Energy;
import org.ebl4j.structured.chain.LinearChain;
import org.ebl4j.structured.semiring.Transitions;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * The energy of a linear-chain factor graph as an {@link Energy} of the framework (LeCun et al. 2006, §6):
 * <pre>  E(W, Y, X) = Σ_t X[t, y_t] + Σ_{t≥1} W[y_{t−1}, y_t]</pre>
 * where X ([B, T, K]) holds the unary energies of every label at every position, computed by whatever comes
 * before (a feature map, a neural network: the gradient flows back into it), and W ([K, K], the parameter
 * "transitions") the pairwise energies shared by all positions. Y ([B, T]) holds label indices as floats.
 *
 * <p>Inference and the loss table plug in as for any energy: {@link ChainViterbi} finds min_Y E (for
 * {@code PerceptronLoss} and evaluation), {@link ChainLogPartition} gives the free energy of all K^T answers (for
 * {@code NegativeLogLikelihoodLoss}: a CRF over any unary energies). The sparse feature-template CRF of
 * {@code org.ebl4j.structured.crf} is this energy with X = −Σ θ over the active features, trained with its gradient
 * computed directly.
 */
public final class LinearChainEnergy extends Energy {
    private final int states;
    private final Tensor transitions;

    /** K ≥ 1 labels; the transition energies start at 0. */
    public LinearChainEnergy(int states) {
        if (states < 1) {
            throw new IllegalArgumentException("LinearChainEnergy: states must be >= 1, got " + states);
        }
        this.states = states;
        this.transitions = parameter("transitions", Tensor.zeros(states, states));
    }

    /** K. */
    public int states() {
        return states;
    }

    /** W, the [K, K] transition energies (the module's parameter). */
    public Tensor transitions() {
        return transitions;
    }

    @Override
    public Tensor energy(Tensor x, Tensor y) {
        int[] s = checkUnary(x);
        int b = s[0];
        int len = s[1];
        if (y == null || y.dim() != 2 || y.shape(0) != b || y.shape(1) != len) {
            throw new IllegalArgumentException("LinearChainEnergy: answers must have shape [" + b + ", " + len
                    + "], got " + (y == null ? "null" : Shape.str(y.shape())));
        }
        int[] labels = labels(y);
        Tensor unary = x.gather(2, new Indices(new int[] {b, len, 1}, labels)).sum(new int[] {1, 2}, false);
        if (len == 1) {
            return unary;
        }
        int[] pairs = new int[b * (len - 1)];
        for (int i = 0; i < b; i++) {
            for (int t = 1; t < len; t++) {
                pairs[i * (len - 1) + t - 1] = labels[i * len + t - 1] * states + labels[i * len + t];
            }
        }
        Tensor pairwise = transitions.reshape(states * states, 1).indexSelect(new Indices(new int[] {pairs.length},
                pairs)).reshape(b, len - 1).sum(1, false);
        return unary.add(pairwise);
    }

    /** [B, T] of the unary energies X, which must be [B, T, K]. */
    int[] checkUnary(Tensor x) {
        if (x == null || x.dim() != 3 || x.shape(2) != states || x.shape(1) < 1) {
            throw new IllegalArgumentException("LinearChainEnergy: X must hold unary energies of shape [B, T, "
                    + states + "] with T >= 1, got " + (x == null ? "null" : Shape.str(x.shape())));
        }
        return new int[] {x.shape(0), x.shape(1)};
    }

    private int[] labels(Tensor y) {
        float[] v = y.toArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i]) || v[i] < 0 || v[i] >= states) {
                throw new IllegalArgumentException("LinearChainEnergy: answer " + i + " is " + v[i]
                        + ", expected a label in [0, " + states + ")");
            }
            out[i] = (int) v[i];
        }
        return out;
    }

    /**
     * The chains of the B samples (detached values, energies multiplied by β: the chain of βE, whose free energy
     * divided by β is F_β).
     */
    public LinearChain[] chains(Tensor x, double beta) {
        int[] s = checkUnary(x);
        int k = states;
        float[] u = x.contiguousCopy().toArray();
        float[] w = transitions.toArray();
        double[] wd = new double[k * k];
        for (int i = 0; i < wd.length; i++) {
            wd[i] = beta * w[i];
        }
        Transitions tr = Transitions.of(k, k, wd);
        LinearChain[] out = new LinearChain[s[0]];
        int per = s[1] * k;
        for (int b = 0; b < s[0]; b++) {
            double[] ud = new double[per];
            for (int i = 0; i < per; i++) {
                ud[i] = beta * u[b * per + i];
            }
            out[b] = LinearChain.of(k, ud, tr);
        }
        return out;
    }
}
