package org.ebl4j.unsupervised.sparse;

import java.util.Arrays;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * The block-coordinate dictionary update of Mairal, Bach, Ponce &amp; Sapiro ("Online learning for matrix
 * factorization and sparse coding", JMLR 2010, Algorithm 2). With the code statistics A = Σ z zᵀ and B = Σ y zᵀ
 * (any common scale), the dictionary minimising Σ ½‖y − W z‖² is approached one atom at a time:
 * u_j = w_j + (b_j − W a_j) / A_jj, then w_j = u_j / ‖u_j‖₂ (unit-norm atoms). Each atom's update sees the atoms
 * already updated in the sweep (Gauss-Seidel), which is why it is a loop over atoms rather than one GEMM; it costs
 * O(atoms² · inputDim) per sweep, against O(N · atoms²) for a pass of sparse inference.
 *
 * <p>An atom that no code uses (A_jj ≤ 1e-6 times the mean of diag A) has no gradient; as in scikit-learn it is
 * replaced by a random data row plus 1 % noise, normalised.
 */
final class AtomUpdate {
    private static final double UNUSED = 1e-6;

    private AtomUpdate() {
    }

    /**
     * One sweep over the atoms of {@code energy}'s dictionary, in place (no autodiff graph is recorded).
     *
     * @param a    A [atoms, atoms], row-major
     * @param bt   Bᵀ = Σ z yᵀ [atoms, inputDim], row-major
     * @param data rows to resample unused atoms from, [rows, inputDim] row-major
     * @return the number of atoms resampled
     */
    static int sweep(SparseCodingEnergy energy, float[] a, float[] bt, float[] data, Rng rng) {
        int k = energy.atoms();
        int inputDim = energy.inputDim();
        Tensor w = energy.dictionary();
        float[] flat = w.detach().t().toArray();
        // one array per atom: u[t] and atom[t] then share their index, which lets the JIT vectorise the update
        // (with offsets into one array it cannot rule out overlap and runs it one element at a time, 4x slower)
        float[][] atoms = new float[k][];
        for (int i = 0; i < k; i++) {
            atoms[i] = Arrays.copyOfRange(flat, i * inputDim, (i + 1) * inputDim);
        }
        double meanDiagonal = 0;
        for (int j = 0; j < k; j++) {
            meanDiagonal += a[j * k + j];
        }
        meanDiagonal /= k;
        float[] u = new float[inputDim];
        int resampled = 0;
        for (int j = 0; j < k; j++) {
            float ajj = a[j * k + j];
            if (ajj <= UNUSED * meanDiagonal || ajj <= 0) {
                resample(atoms[j], data, rng);
                resampled++;
                continue;
            }
            System.arraycopy(bt, j * inputDim, u, 0, inputDim);
            for (int i = 0, row = j * k; i < k; i++) {
                float aji = a[row + i];
                if (aji != 0f) {
                    float[] atom = atoms[i];
                    for (int t = 0; t < inputDim; t++) {
                        u[t] -= aji * atom[t];
                    }
                }
            }
            float inverse = 1f / ajj;
            float[] own = atoms[j];
            for (int t = 0; t < inputDim; t++) {
                u[t] = own[t] + u[t] * inverse;
            }
            if (!store(own, u)) {
                resample(own, data, rng);
                resampled++;
            }
        }
        for (int i = 0; i < k; i++) {
            System.arraycopy(atoms[i], 0, flat, i * inputDim, inputDim);
        }
        w.copyFrom(Tensor.of(flat, k, inputDim).t());
        return resampled;
    }

    /** Atom j ← a random data row plus Gaussian noise of 1 % of that row's standard deviation, normalised. */
    private static void resample(float[] atom, float[] data, Rng rng) {
        int inputDim = atom.length;
        int rows = data.length / inputDim;
        int from = rng.nextInt(rows) * inputDim;
        double mean = 0;
        for (int t = 0; t < inputDim; t++) {
            mean += data[from + t];
        }
        mean /= inputDim;
        double var = 0;
        for (int t = 0; t < inputDim; t++) {
            double c = data[from + t] - mean;
            var += c * c;
        }
        double std = Math.sqrt(var / inputDim);
        double noise = 0.01 * (std > 0 ? std : 1);
        float[] u = new float[inputDim];
        for (int t = 0; t < inputDim; t++) {
            u[t] = (float) (data[from + t] + noise * rng.nextGaussian());
        }
        store(atom, u);
    }

    /** atom ← u / ‖u‖₂; false (atom unchanged) when u is zero. */
    private static boolean store(float[] atom, float[] u) {
        double sq = 0;
        for (float v : u) {
            sq += (double) v * v;
        }
        if (sq == 0) {
            return false;
        }
        float inverse = (float) (1 / Math.sqrt(sq));
        for (int t = 0; t < u.length; t++) {
            atom[t] = u[t] * inverse;
        }
        return true;
    }
}
