package org.ebl4j.structured.factor;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.Energy;
import org.ebl4j.energy.loss.EnergyMetrics;
import org.ebl4j.energy.loss.GeneralizedMarginLoss;
import org.ebl4j.energy.loss.Loss;
import org.ebl4j.energy.loss.LossOutput;
import org.ebl4j.structured.chain.ChainDynamicProgram;
import org.ebl4j.structured.chain.LinearChain;
import org.ebl4j.structured.chain.Path;
import org.ebl4j.structured.energy.LinearChainEnergy;
import org.ebl4j.tensor.Tensor;

/**
 * A generalized margin loss of the table (hinge, log, LVQ2, MCE, square-square, square-exponential: its Q_m) over
 * label sequences, L = Q_m(E(W, Y^i, X^i), E(W, Ȳ^i, X^i)) (LeCun et al. 2006, §2.2.3 and §6), for a
 * {@link LinearChainEnergy} (X = unary energies) or a {@link NeuralChainEnergy}. The most offending incorrect
 * answer Ȳ^i = argmin_{Y ≠ Y^i} E(W, Y, X^i) is exact: the better of the two lowest-energy sequences (the n-best
 * semiring, {@link ChainDynamicProgram#nBest}) that differs from Y^i. Ȳ is detached; the gradient flows through
 * E(Y^i) and E(Ȳ) into W and, for the neural chain, into the network. {@link LossOutput#contrastive()} holds Ȳ.
 */
public final class ChainMarginLoss implements Loss {
    private final GeneralizedMarginLoss margin;

    /** Q_m from {@code margin} (e.g. {@code new HingeLoss(1)}); its own most-offending selector is not used. */
    public ChainMarginLoss(GeneralizedMarginLoss margin) {
        if (margin == null) {
            throw new IllegalArgumentException("ChainMarginLoss: the margin loss is null");
        }
        this.margin = margin;
    }

    @Override
    public LossOutput compute(Energy energy, Tensor x, Tensor y) {
        LinearChainEnergy chain;
        Tensor unary;
        if (energy instanceof NeuralChainEnergy n) {
            chain = n.chain();
            unary = n.unary(x);
        } else if (energy instanceof LinearChainEnergy c) {
            chain = c;
            unary = x;
        } else {
            throw new IllegalArgumentException("ChainMarginLoss: needs a LinearChainEnergy or a NeuralChainEnergy, got "
                    + (energy == null ? "null" : energy.getClass().getSimpleName()));
        }
        Tensor correct = chain.energy(unary, y);
        Tensor offending = mostOffending(chain, unary, y);
        Tensor incorrect = chain.energy(unary, offending);
        return new LossOutput(margin.perSample(correct, incorrect).mean(), offending,
                EnergyMetrics.of(correct, incorrect));
    }

    /** Ȳ^i for each sample, [B, T] labels as floats. */
    private static Tensor mostOffending(LinearChainEnergy chain, Tensor unary, Tensor y) {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            int b = unary.shape(0);
            int len = unary.shape(1);
            LinearChain[] chains = chain.chains(unary, 1);
            float[] labels = y.toArray();
            float[] out = new float[b * len];
            for (int i = 0; i < b; i++) {
                int[] pick = null;
                for (Path p : ChainDynamicProgram.nBest(chains[i], 2)) {
                    if (pick == null && !matches(p.labels(), labels, i * len)) {
                        pick = p.labels();
                    }
                }
                if (pick == null) {
                    throw new IllegalArgumentException("ChainMarginLoss: sample " + i + " has no incorrect label "
                            + "sequence of finite energy");
                }
                for (int t = 0; t < len; t++) {
                    out[i * len + t] = pick[t];
                }
            }
            return Tensor.of(out, b, len);
        }
    }

    private static boolean matches(int[] path, float[] labels, int at) {
        for (int t = 0; t < path.length; t++) {
            if (path[t] != labels[at + t]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String name() {
        return margin.name();
    }
}
