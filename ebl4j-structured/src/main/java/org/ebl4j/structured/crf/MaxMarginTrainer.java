package org.ebl4j.structured.crf;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.ebl4j.structured.chain.ChainDynamicProgram;
import org.ebl4j.structured.chain.LinearChain;
import org.ebl4j.structured.factor.ChainOffendingAnswer;
import org.ebl4j.tensor.Rng;

/**
 * Max-margin Markov networks (Taskar, Guestrin &amp; Koller 2003) trained by stochastic subgradient descent
 * (Pegasos: Shalev-Shwartz et al. 2007; Ratliff, Bagnell &amp; Zinkevich 2007) on
 * <pre>  (λ/2)‖θ‖² + (1/N) Σ_i max_Y [Δ(Y, Y^i) + E(θ, Y^i, X^i) − E(θ, Y, X^i)]</pre>
 * with the Hamming loss Δ(Y, Y^i) = #{t : y_t ≠ y^i_t}: the hinge loss of the tutorial (§2.2.3, "the margin
 * ... is the Hamming distance"), with the margin rescaled by how wrong an answer is. The most offending answer
 * Ȳ = argmin_Y [E(θ, Y, X^i) − Δ(Y, Y^i)] comes from Viterbi on the loss-augmented chain (unary energies lowered
 * by 1 on every wrong label, {@link ChainOffendingAnswer#hammingAugmented}). Step k: θ ← (1 − η_k λ)θ −
 * η_k (φ(X^i, Ȳ) − φ(X^i, Y^i)) with η_k = η₀/(1 + λη₀k), kept sparse by storing θ = s·v; the model is the average
 * of θ over all steps (computed lazily, as for the averaged perceptron). Sentences are visited in a fresh random
 * order each epoch (seeded).
 *
 * <p>Why not the framework's {@code new HingeLoss(m, new ChainOffendingAnswer(1))}, the same hinge for m → 0: on
 * chains the size of CoNLL-2000 chunking sentences (T = 24, K = 17) that loss and its backward pass measured about
 * 150-250 µs per sentence (half of it the 2-best search that excludes Y^i, the rest tensors and autodiff), against
 * 15-30 µs for Viterbi on the array chain here, before mapping the dense [T, K] and [K, K] gradients back to the
 * sparse features: M3N training would be about ten times slower.
 */
public final class MaxMarginTrainer extends CrfTrainer {
    private final double lambda;
    private final double eta0;
    private final int epochs;
    private final long seed;

    /** λ = 1e-4, η₀ = 1, 30 epochs, seed 1. */
    public MaxMarginTrainer() {
        this(1e-4, 1, 30, 1);
    }

    /**
     * @param lambda regularisation λ &gt; 0
     * @param eta0   first step size η₀ &gt; 0
     * @param epochs passes over the data, ≥ 1
     */
    public MaxMarginTrainer(double lambda, double eta0, int epochs, long seed) {
        if (!(lambda > 0) || !Double.isFinite(lambda) || !(eta0 > 0) || !Double.isFinite(eta0) || epochs < 1) {
            throw new IllegalArgumentException("MaxMarginTrainer: need lambda > 0, eta0 > 0 (finite) and epochs >= 1; "
                    + "got lambda=" + lambda + ", eta0=" + eta0 + ", epochs=" + epochs);
        }
        this.lambda = lambda;
        this.eta0 = eta0;
        this.epochs = epochs;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "m3n";
    }

    @Override
    LinearChainCrf learn(FeatureSpace space, List<EncodedSequence> enc) {
        int n = space.size();
        double[] v = new double[n];
        double[] u = new double[n];
        double scale = 1;
        double scaleSum = 0;
        long step = 0;
        Rng rng = new Rng(seed);
        long t0 = System.nanoTime();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double hinge = 0;
            for (int i : rng.permutation(enc.size())) {
                EncodedSequence s = enc.get(i);
                int[] gold = s.labels();
                LinearChain chain = space.chain(s, space.new TransitionCache(v, scale));
                int[] offending = ChainDynamicProgram.viterbi(lossAugmented(chain, gold)).labels();
                double eta = eta0 / (1 + lambda * eta0 * step);
                step++;
                scale *= 1 - eta * lambda;
                if (!Arrays.equals(offending, gold)) {
                    hinge += hamming(offending, gold) + chain.energy(gold) - chain.energy(offending);
                    double d = eta / scale;
                    space.addFeatures(s, gold, d, v);
                    space.addFeatures(s, offending, -d, v);
                    space.addFeatures(s, gold, d * scaleSum, u);
                    space.addFeatures(s, offending, -d * scaleSum, u);
                }
                scaleSum += scale;
            }
            progress.accept(String.format(Locale.ROOT, "m3n: epoch %d, mean hinge %.4f, %.2f s", epoch,
                    hinge / enc.size(), (System.nanoTime() - t0) / 1e9));
        }
        double[] theta = new double[n];
        for (int j = 0; j < n; j++) {
            theta[j] = (scaleSum * v[j] - u[j]) / step;
        }
        return new LinearChainCrf(space, theta);
    }

    /** The chain with energies E(Y) − Δ(Y, gold): every wrong label's unary energy lowered by 1. */
    static LinearChain lossAugmented(LinearChain chain, int[] gold) {
        return ChainOffendingAnswer.hammingAugmented(chain, gold, 1);
    }

    private static int hamming(int[] a, int[] b) {
        int d = 0;
        for (int t = 0; t < a.length; t++) {
            d += a[t] != b[t] ? 1 : 0;
        }
        return d;
    }
}
