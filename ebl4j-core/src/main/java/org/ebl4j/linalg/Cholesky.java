package org.ebl4j.linalg;

/**
 * The Cholesky factorisation A = LLᵀ of a symmetric positive-definite n x n matrix (L lower triangular with a
 * positive diagonal), in double precision, with what it gives cheaply: log det A = 2 Σᵢ log Lᵢᵢ, solves of AX = B by
 * two triangular substitutions, L⁻¹ (the whitening matrix of a covariance A: A⁻¹ = L⁻ᵀL⁻¹) and A⁻¹. Computed by a
 * {@link LapackKernel} (LAPACK's dpotrf / dtrtrs through OpenBLAS, or the pure-Java fallback), by default the one
 * {@link Lapack#forOrder} picks.
 */
public final class Cholesky {
    private final int n;
    private final double[] lower;
    private final LapackKernel kernel;

    private Cholesky(int n, double[] lower, LapackKernel kernel) {
        this.n = n;
        this.lower = lower;
        this.kernel = kernel;
    }

    /**
     * Factorises {@code a} (n x n, symmetric, finite) with {@link Lapack#forOrder}'s kernel.
     *
     * @throws IllegalArgumentException when {@code a} is not square, finite and symmetric, or not positive definite
     */
    public static Cholesky of(double[][] a) {
        return of(a, Lapack.forOrder(a == null ? 0 : a.length));
    }

    /** Factorises {@code a} with the given kernel (see {@link #of(double[][])}). */
    public static Cholesky of(double[][] a, LapackKernel kernel) {
        double[] l = SquareMatrix.flatten("Cholesky", a, true);
        int n = a.length;
        int failed = kernel.cholesky(l, n);
        if (failed != 0) {
            throw new IllegalArgumentException("Cholesky: the matrix is not positive definite (its leading minor "
                    + "of order " + failed + " is not positive)");
        }
        return new Cholesky(n, l, kernel);
    }

    /** n, the order of the matrix. */
    public int size() {
        return n;
    }

    /** L (a copy). */
    public double[][] lower() {
        return SquareMatrix.rows(lower, n, n);
    }

    /** log det A = 2 Σᵢ log Lᵢᵢ. */
    public double logDeterminant() {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.log(lower[i * n + i]);
        }
        return 2 * s;
    }

    /** x with A x = b. */
    public double[] solve(double[] b) {
        if (b == null || b.length != n) {
            throw new IllegalArgumentException("Cholesky.solve: right-hand side must have " + n + " entries, got "
                    + (b == null ? "null" : String.valueOf(b.length)));
        }
        double[] x = b.clone();
        kernel.lowerSolve(lower, n, x, 1, false);
        kernel.lowerSolve(lower, n, x, 1, true);
        return x;
    }

    /** X with A X = B, for B n x m. */
    public double[][] solve(double[][] b) {
        int m = columns("Cholesky.solve", b);
        double[] x = SquareMatrix.flat(b, m);
        kernel.lowerSolve(lower, n, x, m, false);
        kernel.lowerSolve(lower, n, x, m, true);
        return SquareMatrix.rows(x, n, m);
    }

    /** L⁻¹ (lower triangular): for a covariance A, the whitening map y ↦ L⁻¹y has identity covariance. */
    public double[][] lowerInverse() {
        double[] x = identity();
        kernel.lowerSolve(lower, n, x, n, false);
        return SquareMatrix.rows(x, n, n);
    }

    /** A⁻¹ = L⁻ᵀL⁻¹. */
    public double[][] inverse() {
        double[] x = identity();
        kernel.lowerSolve(lower, n, x, n, false);
        kernel.lowerSolve(lower, n, x, n, true);
        return SquareMatrix.rows(x, n, n);
    }

    private double[] identity() {
        double[] x = new double[n * n];
        for (int i = 0; i < n; i++) {
            x[i * n + i] = 1;
        }
        return x;
    }

    private int columns(String who, double[][] b) {
        if (b == null || b.length != n || b[0] == null || b[0].length == 0) {
            throw new IllegalArgumentException(who + ": right-hand side must be " + n + " x m with m >= 1, got "
                    + (b == null ? "null" : b.length + " rows"));
        }
        int m = b[0].length;
        for (int i = 0; i < n; i++) {
            if (b[i] == null || b[i].length != m) {
                throw new IllegalArgumentException(who + ": right-hand side row " + i + " must have " + m
                        + " entries");
            }
        }
        return m;
    }
}
