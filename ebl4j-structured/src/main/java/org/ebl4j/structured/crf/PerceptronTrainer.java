package org.ebl4j.structured.crf;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.ebl4j.structured.chain.ChainDynamicProgram;
import org.ebl4j.tensor.Rng;

/**
 * The averaged structured perceptron (Collins, "Discriminative training methods for hidden Markov models", 2002):
 * for each sentence in turn, Y* = argmin_Y E(θ, Y, X^i) by Viterbi and, when Y* ≠ Y^i,
 * θ ← θ + φ(X^i, Y^i) − φ(X^i, Y*), a step on the perceptron loss E(θ, Y^i, X^i) − min_Y E(θ, Y, X^i) (LeCun et al.
 * 2006, §2.2.2). The model is the average of θ over all steps, which generalises much better than the last θ,
 * computed lazily from u = Σ_k k·Δθ_k (Daumé III's trick) so that a step costs only its sparse update. Sentences
 * are visited in a fresh random order each epoch (seeded).
 */
public final class PerceptronTrainer extends CrfTrainer {
    private final int epochs;
    private final long seed;

    /** 50 epochs, seed 1. */
    public PerceptronTrainer() {
        this(50, 1);
    }

    /** @param epochs passes over the data, ≥ 1 */
    public PerceptronTrainer(int epochs, long seed) {
        if (epochs < 1) {
            throw new IllegalArgumentException("PerceptronTrainer: epochs must be >= 1, got " + epochs);
        }
        this.epochs = epochs;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "perceptron";
    }

    @Override
    LinearChainCrf learn(FeatureSpace space, List<EncodedSequence> enc) {
        int n = space.size();
        double[] theta = new double[n];
        double[] u = new double[n];
        Rng rng = new Rng(seed);
        long c = 1;
        long t0 = System.nanoTime();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            int errors = 0;
            for (int i : rng.permutation(enc.size())) {
                EncodedSequence s = enc.get(i);
                int[] best = ChainDynamicProgram.viterbi(space.chain(s, space.new TransitionCache(theta))).labels();
                if (!Arrays.equals(best, s.labels())) {
                    errors++;
                    space.addFeatures(s, s.labels(), 1, theta);
                    space.addFeatures(s, best, -1, theta);
                    space.addFeatures(s, s.labels(), c, u);
                    space.addFeatures(s, best, -c, u);
                }
                c++;
            }
            progress.accept(String.format(Locale.ROOT, "perceptron: epoch %d, %d of %d sentences wrong, %.2f s", epoch,
                    errors, enc.size(), (System.nanoTime() - t0) / 1e9));
        }
        // after K = c − 1 steps, Σ_k θ_k = c·θ − u: the average is (c·θ − u) / (c − 1)
        for (int j = 0; j < n; j++) {
            theta[j] = (c * theta[j] - u[j]) / (c - 1);
        }
        return new LinearChainCrf(space, theta);
    }
}
