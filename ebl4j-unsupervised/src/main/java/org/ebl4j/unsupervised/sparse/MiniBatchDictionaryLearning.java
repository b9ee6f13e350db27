package org.ebl4j.unsupervised.sparse;

import java.util.Arrays;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * Online dictionary learning on mini-batches (Mairal, Bach, Ponce &amp; Sapiro, JMLR 2010, Algorithm 1 with the
 * mini-batch extension of §3.4; scikit-learn's MiniBatchDictionaryLearning). Each epoch visits the rows in a
 * seeded random order; for each batch of η rows: infer the codes Z (the model's {@link SparseInference}, one batched
 * solve), then the {@link OnlineDictionaryUpdate}: fold them into running statistics with a forgetting factor and
 * take one block-coordinate sweep over the unit-norm atoms. Every step is GEMM-bound:
 * the solve, ZᵀZ and YᵀZ.
 */
public final class MiniBatchDictionaryLearning implements DictionaryLearner {
    private final int batchSize;
    private final int epochs;
    private final long seed;

    /**
     * @param batchSize rows per mini-batch η, ≥ 1 (the last batch of an epoch may be smaller)
     * @param epochs    passes over the data, ≥ 1
     * @param seed      seed of the generator that orders the rows and resamples unused atoms
     */
    public MiniBatchDictionaryLearning(int batchSize, int epochs, long seed) {
        if (batchSize < 1 || epochs < 1) {
            throw new IllegalArgumentException("MiniBatchDictionaryLearning: batchSize and epochs must be >= 1, got "
                    + "batchSize=" + batchSize + ", epochs=" + epochs);
        }
        this.batchSize = batchSize;
        this.epochs = epochs;
        this.seed = seed;
    }

    @Override
    public double[] learn(SparseCoding model, Tensor data) {
        SparseCodingEnergy energy = model.latentEnergy();
        energy.checkData(data);
        Rng rng = new Rng(seed);
        int n = data.shape(0);
        OnlineDictionaryUpdate dictionary = new OnlineDictionaryUpdate(energy, batchSize, rng);
        double[] history = new double[epochs];
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            Tensor y = data.detach().contiguous();
            for (int epoch = 0; epoch < epochs; epoch++) {
                int[] order = rng.permutation(n);
                double total = 0;
                for (int from = 0; from < n; from += batchSize) {
                    int[] picked = Arrays.copyOfRange(order, from, Math.min(n, from + batchSize));
                    Tensor batch = y.indexSelect(Indices.of(picked));
                    SparseCode code = model.inference().infer(energy, batch, null);
                    total += code.finalObjective() * picked.length;
                    dictionary.update(batch, code.codes());
                }
                history[epoch] = total / n;
            }
        }
        return history;
    }

    @Override
    public String toString() {
        return "MiniBatchDictionaryLearning(batchSize=" + batchSize + ", epochs=" + epochs + ", seed=" + seed + ")";
    }
}
