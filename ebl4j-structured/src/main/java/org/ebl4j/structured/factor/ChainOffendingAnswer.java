package org.ebl4j.structured.factor;

import java.util.Arrays;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.Energy;
import org.ebl4j.energy.loss.OffendingAnswer;
import org.ebl4j.structured.chain.ChainDynamicProgram;
import org.ebl4j.structured.chain.LinearChain;
import org.ebl4j.structured.chain.Path;
import org.ebl4j.structured.energy.LinearChainEnergy;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * The most offending incorrect label sequence, for the generalized margin losses of the table (hinge, log, LVQ2,
 * MCE, square-square, square-exponential) over a {@link LinearChainEnergy} (X = unary energies) or a
 * {@link NeuralChainEnergy} (LeCun et al. 2006, §2.2.3 and §6):
 * <pre>  Ȳ^i = argmin_{Y ≠ Y^i} [E(W, Y, X^i) − h·Δ(Y, Y^i)],   Δ = the Hamming distance (wrong labels),</pre>
 * exactly: the better of the two lowest-energy sequences (2-best Viterbi, {@link ChainDynamicProgram#nBest}) of the
 * chain whose wrong labels' unary energies are lowered by h ({@link #hammingAugmented}) that differs from Y^i.
 * <ul>
 *   <li>h = 0: the most offending incorrect answer, compared by its energy Ē = E(W, Ȳ, X^i):
 *       {@code new HingeLoss(m, new ChainOffendingAnswer())} is max(0, m + E(Y^i) − E(Ȳ)).</li>
 *   <li>h &gt; 0: the loss-augmented answer of max-margin Markov networks (Taskar, Guestrin &amp; Koller 2003),
 *       compared by its loss-augmented energy Ē = E(W, Ȳ, X^i) − hΔ(Ȳ, Y^i):
 *       {@code new HingeLoss(m, new ChainOffendingAnswer(h))} is max_{Y ≠ Y^i} max(0, m + hΔ(Y, Y^i) + E(Y^i) −
 *       E(Y)), a margin that grows by h with every wrong label (M3N's Hamming-margin hinge for m → 0).</li>
 * </ul>
 * Ȳ is detached; the gradient flows through E(Y^i) and E(Ȳ) into W and, for the neural chain, into the network,
 * which runs once per evaluation. {@link org.ebl4j.energy.loss.LossOutput#contrastive()} holds Ȳ, [B, T] labels
 * as floats.
 */
public final class ChainOffendingAnswer implements OffendingAnswer {
    private final float hamming;

    /** h = 0: the lowest-energy incorrect sequence. */
    public ChainOffendingAnswer() {
        this(0);
    }

    /** Loss-augmented by h ≥ 0 per wrong label. */
    public ChainOffendingAnswer(float hamming) {
        if (!(hamming >= 0) || !Float.isFinite(hamming)) {
            throw new IllegalArgumentException("ChainOffendingAnswer: the Hamming weight h must be finite and >= 0, "
                    + "got " + hamming);
        }
        this.hamming = hamming;
    }

    /** h. */
    public float hamming() {
        return hamming;
    }

    @Override
    public Tensor select(Energy energy, Tensor x, Tensor y) {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return offending(chainOf(energy), unary(energy, x), y);
        }
    }

    /** E⁺ = E(Y^i), Ē = E(Ȳ) − hΔ(Ȳ, Y^i) and Ȳ, from one evaluation of the unary energies. */
    @Override
    public Contrast contrast(Energy energy, Tensor x, Tensor y) {
        LinearChainEnergy chain = chainOf(energy);
        Tensor unary = unary(energy, x);
        Tensor offending;
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            offending = offending(chain, unary, y);
        }
        Tensor incorrect = chain.energy(unary, offending);
        if (hamming > 0) {
            incorrect = incorrect.sub(hammingDistances(offending, y).mul(hamming));
        }
        return new Contrast(chain.energy(unary, y), incorrect, offending);
    }

    /** The chain with energies E(Y) − hΔ(Y, gold): every wrong label's unary energy lowered by h. */
    public static LinearChain hammingAugmented(LinearChain chain, int[] gold, double h) {
        int k = chain.states();
        double[] u = new double[chain.length() * k];
        for (int t = 0; t < chain.length(); t++) {
            for (int j = 0; j < k; j++) {
                u[t * k + j] = chain.unary(t, j) - (j == gold[t] ? 0 : h);
            }
        }
        return chain.withUnary(u);
    }

    private static LinearChainEnergy chainOf(Energy energy) {
        if (energy instanceof NeuralChainEnergy n) {
            return n.chain();
        }
        if (energy instanceof LinearChainEnergy c) {
            return c;
        }
        throw new IllegalArgumentException("ChainOffendingAnswer: needs a LinearChainEnergy or a NeuralChainEnergy, "
                + "got " + (energy == null ? "null" : energy.getClass().getSimpleName()));
    }

    private static Tensor unary(Energy energy, Tensor x) {
        return energy instanceof NeuralChainEnergy n ? n.unary(x) : x;
    }

    /** Ȳ^i for each sample, [B, T] labels as floats. */
    private Tensor offending(LinearChainEnergy chain, Tensor unary, Tensor y) {
        LinearChain[] chains = chain.chains(unary, 1);
        int b = unary.shape(0);
        int len = unary.shape(1);
        if (y == null || y.dim() != 2 || y.shape(0) != b || y.shape(1) != len) {
            throw new IllegalArgumentException("ChainOffendingAnswer: the correct answers must have shape [" + b + ", "
                    + len + "], got " + (y == null ? "null" : Shape.str(y.shape())));
        }
        float[] labels = y.toArray();
        float[] out = new float[b * len];
        for (int i = 0; i < b; i++) {
            int[] gold = new int[len];
            for (int t = 0; t < len; t++) {
                gold[t] = (int) labels[i * len + t];
            }
            LinearChain c = hamming > 0 ? hammingAugmented(chains[i], gold, hamming) : chains[i];
            int[] pick = null;
            for (Path p : ChainDynamicProgram.nBest(c, 2)) {
                if (pick == null && !Arrays.equals(p.labels(), gold)) {
                    pick = p.labels();
                }
            }
            if (pick == null) {
                throw new IllegalArgumentException("ChainOffendingAnswer: sample " + i + " has no incorrect label "
                        + "sequence of finite energy");
            }
            for (int t = 0; t < len; t++) {
                out[i * len + t] = pick[t];
            }
        }
        return Tensor.of(out, b, len);
    }

    /** Δ(Ȳ^i, Y^i) for each sample, [B]. */
    private static Tensor hammingDistances(Tensor offending, Tensor y) {
        int b = y.shape(0);
        int len = y.shape(1);
        float[] a = offending.toArray();
        float[] c = y.toArray();
        float[] d = new float[b];
        for (int i = 0; i < b * len; i++) {
            d[i / len] += a[i] != c[i] ? 1 : 0;
        }
        return Tensor.of(d, b);
    }
}
