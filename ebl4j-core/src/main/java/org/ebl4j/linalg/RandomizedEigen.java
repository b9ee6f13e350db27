package org.ebl4j.linalg;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * The k largest eigenpairs of a symmetric positive semi-definite n x n matrix A by randomized subspace iteration
 * (Halko, Martinsson &amp; Tropp, "Finding structure with randomness", SIAM Review 2011, Algorithms 4.4 and 5.3):
 *
 * <pre>
 *   Ω ~ N(0, 1)^{n x ℓ}, ℓ = k + p;   Q ← orth(A Ω);   q times: Q ← orth(A Q);
 *   T = Qᵀ A Q (ℓ x ℓ) = U Λ Uᵀ;   eigenpairs (λ_i, Q u_i), i ≤ k.
 * </pre>
 *
 * Each step is one n x n x ℓ product and a thin QR ({@link LapackKernel#orthonormalize}), so for ℓ ≪ n it costs
 * O(q n² ℓ) instead of the O(n³) tridiagonal reduction of a dense eigensolver. The error of the subspace shrinks as
 * (λ_{ℓ+1} / λ_k)^{q+1}: the oversampling p and the iterations q trade time for accuracy. scikit-learn's randomized
 * PCA runs the same iteration on the data matrix X with A = XᵀX and q = 7 (4 when k ≥ 0.1 min(N, d)), i.e. q
 * multiplications by A; here the last Rayleigh–Ritz step adds one more. Results follow {@link SymmetricEigen}'s
 * conventions (values largest first, each vector's largest-magnitude coordinate positive).
 */
public final class RandomizedEigen {
    private RandomizedEigen() {
    }

    /**
     * The k largest eigenpairs of {@code a} [n, n] (symmetric, positive semi-definite, finite) with {@code oversamples}
     * extra directions and {@code iterations} power iterations, Ω drawn from {@code rng}. When k + oversamples ≥ n
     * the subspace is the whole space and {@link SymmetricEigen#largest} answers exactly.
     */
    public static SymmetricEigen largest(Tensor a, int k, int oversamples, int iterations, Rng rng) {
        SquareMatrix.flatten("RandomizedEigen", a, true); // validates: square, symmetric, finite
        int n = a.shape(0);
        if (k < 1 || k > n || oversamples < 0 || iterations < 0) {
            throw new IllegalArgumentException("RandomizedEigen.largest: need 1 <= k <= " + n + ", oversamples >= 0 "
                    + "and iterations >= 0, got k=" + k + ", oversamples=" + oversamples + ", iterations="
                    + iterations);
        }
        int l = k + oversamples;
        if (l >= n) {
            return SymmetricEigen.largest(a, k);
        }
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            Tensor m = a.contiguous();
            LapackKernel lapack = Lapack.forOrder(n);
            Tensor q = orthonormalize(m.matmul(rng.normal(0, 1, n, l)), lapack);
            for (int i = 0; i < iterations; i++) {
                q = orthonormalize(m.matmul(q), lapack);
            }
            float[] t = q.t().matmul(m.matmul(q)).toArray(); // Rayleigh–Ritz: T = QᵀAQ
            double[][] sym = new double[l][l];
            for (int i = 0; i < l; i++) {
                for (int j = 0; j < l; j++) {
                    sym[i][j] = 0.5 * ((double) t[i * l + j] + t[j * l + i]);
                }
            }
            SymmetricEigen small = SymmetricEigen.of(sym);
            float[] ritz = small.top(k).matmul(q.t()).toArray(); // rows (Q u_i)ᵀ, [k, n]
            double[] values = small.values();
            double[] ascending = new double[k];
            double[] columns = new double[n * k];
            for (int r = 0; r < k; r++) {
                int col = k - 1 - r;
                ascending[col] = values[r];
                for (int i = 0; i < n; i++) {
                    columns[i * k + col] = ritz[r * n + i];
                }
            }
            return SymmetricEigen.ordered(n, k, ascending, columns);
        }
    }

    private static Tensor orthonormalize(Tensor y, LapackKernel lapack) {
        float[] v = y.contiguous().toArray();
        lapack.orthonormalize(v, y.shape(0), y.shape(1));
        return Tensor.of(v, y.shape(0), y.shape(1));
    }
}
