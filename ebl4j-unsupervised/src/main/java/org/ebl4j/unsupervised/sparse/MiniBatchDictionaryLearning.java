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
 * solve), fold them into running statistics with a forgetting factor β_t,
 * A ← β_t A + ZᵀZ/η, B ← β_t B + YᵀZ/η (η the batch's rows), and take one block-coordinate sweep over the unit-norm atoms
 * ({@link AtomUpdate}). β_t = (θ + 1 − η)/(θ + 1) with θ = (t + 1)η for t &lt; η − 1 and θ = η² + t + 1 − η after,
 * t counting batches from 0 (scikit-learn's schedule), so early batches are forgotten. Every step is GEMM-bound:
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
        int k = energy.atoms();
        int dim = energy.inputDim();
        float[] a = new float[k * k];
        float[] bt = new float[k * dim];
        double[] history = new double[epochs];
        long step = 0;
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
                    Tensor z = code.codes();
                    float beta = forgetting(step++);
                    accumulate(a, beta, z.t().matmul(z).div(picked.length).toArray());
                    accumulate(bt, beta, z.t().matmul(batch).div(picked.length).toArray());
                    AtomUpdate.sweep(energy, a, bt, batch.toArray(), rng);
                }
                history[epoch] = total / n;
            }
        }
        return history;
    }

    /** β_t of batch {@code t} (from 0). */
    private float forgetting(long t) {
        double eta = batchSize;
        double theta = t < batchSize - 1 ? (t + 1) * eta : eta * eta + t + 1 - eta;
        return (float) ((theta + 1 - eta) / (theta + 1));
    }

    /** running ← β · running + fresh. */
    private static void accumulate(float[] running, float beta, float[] fresh) {
        for (int i = 0; i < running.length; i++) {
            running[i] = beta * running[i] + fresh[i];
        }
    }

    @Override
    public String toString() {
        return "MiniBatchDictionaryLearning(batchSize=" + batchSize + ", epochs=" + epochs + ", seed=" + seed + ")";
    }
}
