package org.ebl4j.linalg;

import org.ebl4j.tensor.Tensor;

/**
 * The eigendecomposition A = VΛVᵀ of a real symmetric n x n matrix, in double precision: eigenvalues λ₁ ≥ … ≥ λₙ
 * (descending, the order PCA wants) and orthonormal eigenvectors vᵢ, with A vᵢ = λᵢ vᵢ. Computed by a
 * {@link LapackKernel} (LAPACK's dsyevd through OpenBLAS, or the pure-Java tred2 / tql2 fallback), by default the
 * one {@link Lapack#forOrder} picks.
 *
 * <p>Each eigenvector's sign is fixed so that its largest-magnitude coordinate (the first, on ties) is positive,
 * which makes the result independent of the kernel and reproducible.
 */
public final class SymmetricEigen {
    private final int n;
    private final double[] values;
    /** Row i is eigenvector i (row-major n x n). */
    private final double[] vectors;

    private SymmetricEigen(int n, double[] values, double[] vectors) {
        this.n = n;
        this.values = values;
        this.vectors = vectors;
    }

    /** The decomposition of {@code a} (n x n, symmetric, finite) with {@link Lapack#forOrder}'s kernel. */
    public static SymmetricEigen of(double[][] a) {
        return of(a, Lapack.forOrder(a == null ? 0 : a.length));
    }

    /** The decomposition of {@code a} (n x n, symmetric, finite) with the given kernel. */
    public static SymmetricEigen of(double[][] a, LapackKernel kernel) {
        return compute(SquareMatrix.flatten("SymmetricEigen", a, true), a.length, kernel);
    }

    /** The decomposition of a symmetric float tensor [n, n], computed in double ({@link Lapack#forOrder}'s kernel). */
    public static SymmetricEigen of(Tensor a) {
        return compute(SquareMatrix.flatten("SymmetricEigen", a, true), a.shape(0), Lapack.forOrder(a.shape(0)));
    }

    private static SymmetricEigen compute(double[] a, int n, LapackKernel kernel) {
        double[] ascending = new double[n];
        kernel.symmetricEigen(a, n, ascending);
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int r = 0; r < n; r++) {
            int col = n - 1 - r; // LAPACK order is ascending; column col of a is its eigenvector
            values[r] = ascending[col];
            int big = 0;
            for (int i = 1; i < n; i++) {
                if (Math.abs(a[i * n + col]) > Math.abs(a[big * n + col])) {
                    big = i;
                }
            }
            double sign = a[big * n + col] < 0 ? -1 : 1;
            for (int i = 0; i < n; i++) {
                vectors[r * n + i] = sign * a[i * n + col];
            }
        }
        return new SymmetricEigen(n, values, vectors);
    }

    /** n, the order of the matrix. */
    public int size() {
        return n;
    }

    /** The eigenvalues, largest first (a copy). */
    public double[] values() {
        return values.clone();
    }

    /** The unit eigenvector of the i-th largest eigenvalue (a copy). */
    public double[] vector(int i) {
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("eigenvector " + i + " of a " + n + " x " + n + " matrix");
        }
        double[] v = new double[n];
        System.arraycopy(vectors, i * n, v, 0, n);
        return v;
    }

    /** V, with eigenvector i as column i, so that A = V diag(values()) Vᵀ (a copy). */
    public double[][] vectors() {
        double[][] v = new double[n][n];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < n; i++) {
                v[i][r] = vectors[r * n + i];
            }
        }
        return v;
    }

    /** The eigenvectors of the k largest eigenvalues as the rows of a float tensor [k, n]. */
    public Tensor top(int k) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("SymmetricEigen.top: k must be in [1, " + n + "], got " + k);
        }
        float[] out = new float[k * n];
        for (int i = 0; i < k * n; i++) {
            out[i] = (float) vectors[i];
        }
        return Tensor.of(out, k, n);
    }
}
