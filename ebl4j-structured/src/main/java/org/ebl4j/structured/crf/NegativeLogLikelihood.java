package org.ebl4j.structured.crf;

import java.util.Arrays;
import java.util.List;

import org.ebl4j.kernel.Threads;
import org.ebl4j.structured.chain.ChainDynamicProgram;
import org.ebl4j.structured.chain.Marginals;

/**
 * The training objective of a CRF by maximum likelihood with an L2 penalty,
 * <pre>  L(θ) = Σ_i [E(θ, Y^i, X^i) − F(θ, X^i)] + c₂‖θ‖²,   F(θ, X) = −log Σ_Y exp(−E(θ, Y, X)),</pre>
 * the tutorial's negative log-likelihood loss with β = 1 summed over the sentences (LeCun et al. 2006, §2.2.4 and
 * §6; CRFsuite's c₂ convention), and its gradient, with E = −θ·φ:
 * <pre>  ∂L/∂θ = Σ_i (E_{p(Y|X^i)}[φ(X^i, Y)] − φ(X^i, Y^i)) + 2c₂θ.</pre>
 * The expectation comes from forward-backward in the log semiring ({@link ChainDynamicProgram#marginals}); the
 * empirical counts Σ_i φ(X^i, Y^i) do not depend on θ and are summed once.
 *
 * <p>Relation to the energy framework: this is {@code NegativeLogLikelihoodLoss(1, ChainLogPartition)} applied
 * to a chain energy whose unary and pairwise energies are the sparse sums −Σ θ, with the chain rule through the
 * sparse feature map done by hand instead of through [T, K] tensors (the {@code energy} package of this module
 * holds that tensor version, and a test checks that both gradients agree).
 *
 * <p>Sentences are split into a fixed number of blocks in order; threads take blocks, each block sums into its
 * own buffer, and the buffers are added in block order (threads taking ranges of coordinates), so the result does
 * not depend on the thread count.
 */
final class NegativeLogLikelihood {
    /** Blocks per evaluation, independent of the thread count. */
    private static final int BLOCKS = 8;

    private final FeatureSpace space;
    private final List<EncodedSequence> data;
    private final double c2;
    private final int threads;
    /** Σ_i φ(X^i, Y^i), the same at every θ: E(θ, Y^i, X^i) summed is −θ·φ̂ and its gradient −φ̂. */
    private final double[] empirical;
    private final double[][] blockGradient;
    private final double[] blockFreeEnergy = new double[BLOCKS];

    NegativeLogLikelihood(FeatureSpace space, List<EncodedSequence> data, double c2, int threads) {
        this.space = space;
        this.data = data;
        this.c2 = c2;
        this.threads = threads;
        this.blockGradient = new double[Math.min(BLOCKS, data.size())][];
        this.empirical = new double[space.size()];
        for (EncodedSequence s : data) {
            space.addFeatures(s, s.labels(), 1, empirical);
        }
    }

    /** L(θ), writing ∂L/∂θ into {@code gradient}. */
    double evaluate(double[] theta, double[] gradient) {
        FeatureSpace.TransitionCache cache = space.new TransitionCache(theta);
        int blocks = blockGradient.length;
        int workers = Math.min(threads, blocks);
        Threads.parallelFor(workers, worker -> {
            for (int b = worker; b < blocks; b += workers) {
                double[] g = blockGradient[b];
                if (g == null) {
                    g = new double[theta.length];
                    blockGradient[b] = g;
                } else {
                    Arrays.fill(g, 0);
                }
                double free = 0;
                for (int i = b * data.size() / blocks; i < (b + 1) * data.size() / blocks; i++) {
                    Marginals m = ChainDynamicProgram.marginals(space.chain(data.get(i), cache));
                    space.addExpectedFeatures(data.get(i), m, g);
                    free += m.freeEnergy();
                }
                blockFreeEnergy[b] = free;
            }
        });
        // the reduction, in block order for every coordinate, split over coordinate ranges
        int n = theta.length;
        Threads.parallelFor(workers, worker -> {
            for (int j = worker * n / workers; j < (worker + 1) * n / workers; j++) {
                double g = 2 * c2 * theta[j] - empirical[j];
                for (int b = 0; b < blocks; b++) {
                    g += blockGradient[b][j];
                }
                gradient[j] = g;
            }
        });
        double f = 0;
        for (int j = 0; j < n; j++) {
            f += (c2 * theta[j] - empirical[j]) * theta[j];
        }
        for (int b = 0; b < blocks; b++) {
            f -= blockFreeEnergy[b];
        }
        return f;
    }
}
