package org.ebl4j.unsupervised.sparse;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * The dictionary step of online dictionary learning (Mairal, Bach, Ponce &amp; Sapiro, JMLR 2010, Algorithm 1 with
 * mini-batches, §3.4): the codes Z of each batch of η rows are folded into running statistics with a forgetting
 * factor β_t, A ← β_t A + ZᵀZ/η and B ← β_t B + YᵀZ/η, then one block-coordinate sweep updates the unit-norm atoms
 * ({@link AtomUpdate}). β_t = (θ + 1 − η)/(θ + 1) with θ = (t + 1)η for t &lt; η − 1 and θ = η² + t + 1 − η after,
 * t counting batches from 0 (scikit-learn's schedule), so early batches are forgotten. Used by
 * {@link MiniBatchDictionaryLearning} and by {@link PredictiveSparseDecomposition}'s decoder.
 */
final class OnlineDictionaryUpdate {
    private final SparseCodingEnergy energy;
    private final int batchSize;
    private final Rng rng;
    private final float[] a;
    private final float[] bt;
    private long step;

    /** Statistics for {@code energy}'s dictionary, nominal batch size η ≥ 1, {@code rng} for resampled atoms. */
    OnlineDictionaryUpdate(SparseCodingEnergy energy, int batchSize, Rng rng) {
        this.energy = energy;
        this.batchSize = batchSize;
        this.rng = rng;
        this.a = new float[energy.atoms() * energy.atoms()];
        this.bt = new float[energy.atoms() * energy.inputDim()];
    }

    /** Folds the codes {@code z} [B, atoms] of {@code batch} [B, inputDim] into A and B and sweeps the atoms once. */
    void update(Tensor batch, Tensor z) {
        int rows = batch.shape(0);
        float beta = forgetting(step++);
        accumulate(a, beta, z.t().matmul(z).div(rows).toArray());
        accumulate(bt, beta, z.t().matmul(batch).div(rows).toArray());
        AtomUpdate.sweep(energy, a, bt, batch.toArray(), rng);
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
}
