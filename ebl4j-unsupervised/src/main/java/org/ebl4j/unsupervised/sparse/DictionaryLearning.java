package org.ebl4j.unsupervised.sparse;

import java.util.Arrays;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * Batch dictionary learning (Olshausen &amp; Field 1996; Lee, Battle, Raina &amp; Ng 2007): alternate sparse inference
 * of every code, Z_i = argmin_Z ½‖Y_i − W Z‖² + λ|Z|₁ (warm-started from the previous pass), with one
 * block-coordinate sweep over the unit-norm atoms on the statistics A = ZᵀZ/N and B = YᵀZ/N
 * ({@link AtomUpdate}); the statistics are two GEMMs. Stops after {@code iterations} passes or when the mean
 * objective changes by at most {@code tolerance} relatively.
 */
public final class DictionaryLearning implements DictionaryLearner {
    private final int iterations;
    private final double tolerance;
    private final long seed;

    /**
     * @param iterations at most this many passes, ≥ 1
     * @param tolerance  relative change of the mean objective that stops learning, ≥ 0 (0: run every pass)
     * @param seed       seed of the generator that resamples unused atoms
     */
    public DictionaryLearning(int iterations, double tolerance, long seed) {
        if (iterations < 1) {
            throw new IllegalArgumentException("DictionaryLearning: iterations must be >= 1, got " + iterations);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("DictionaryLearning: tolerance must be a finite number >= 0, got "
                    + tolerance);
        }
        this.iterations = iterations;
        this.tolerance = tolerance;
        this.seed = seed;
    }

    @Override
    public double[] learn(SparseCoding model, Tensor data) {
        SparseCodingEnergy energy = model.latentEnergy();
        energy.checkData(data);
        Rng rng = new Rng(seed);
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            Tensor y = data.detach().contiguous();
            float[] rows = y.toArray();
            float n = y.shape(0);
            double[] history = new double[iterations];
            Tensor codes = null;
            int pass = 0;
            boolean converged = false;
            while (pass < iterations && !converged) {
                SparseCode code = model.inference().infer(energy, y, codes);
                codes = code.codes();
                history[pass] = code.finalObjective();
                float[] a = codes.t().matmul(codes).div(n).toArray();
                float[] bt = codes.t().matmul(y).div(n).toArray();
                AtomUpdate.sweep(energy, a, bt, rows, rng);
                converged = tolerance > 0 && pass > 0
                        && SparseCodingProblem.converged(history[pass - 1], history[pass], tolerance);
                pass++;
            }
            return Arrays.copyOf(history, pass);
        }
    }

    @Override
    public String toString() {
        return "DictionaryLearning(iterations=" + iterations + ", tolerance=" + tolerance + ", seed=" + seed + ")";
    }
}
