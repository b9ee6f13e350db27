package org.ebl4j.linalg;

/**
 * The dense double-precision factorisations the library needs, on row-major {@code n x n} arrays, in place:
 * symmetric eigendecomposition, Cholesky factorisation and triangular solves (the LAPACK routines dsyevd, dpotrf
 * and dtrtrs), and in single precision the k largest eigenpairs (ssyevr) and the Q of a thin QR (sgeqrf, sorgqr). Two
 * kernels share this contract: {@code native} (OpenBLAS's LAPACKE, {@link NativeLapack}) and
 * {@code java} (pure Java, {@link JavaLapack}); {@link Lapack} picks one. Callers validate arguments (see
 * {@link SymmetricEigen} and {@link Cholesky}); kernels assume finite, correctly sized input.
 */
public interface LapackKernel {
    /** Short name used in switches and reports: "native" or "java". */
    String name();

    /**
     * Eigendecomposition A = VΛVᵀ of the symmetric matrix {@code a} (n x n, row-major; only its lower triangle is
     * read). On return {@code a} holds the orthonormal eigenvectors as columns ({@code a[i * n + j]} is
     * coordinate i of eigenvector j) and {@code values} (length n) the eigenvalues in ascending order.
     *
     * @throws ArithmeticException when the iteration does not converge
     */
    void symmetricEigen(double[] a, int n, double[] values);

    /**
     * The k largest eigenpairs only, in single precision (LAPACK's ssyevr with an index range: tridiagonal
     * reduction, then MRRR for just those eigenpairs; Dhillon &amp; Parlett 2004) — for float data, where double
     * would double the cost of the O(n³) reduction and not the accuracy of the data. {@code a} (n x n, row-major,
     * lower triangle read) is overwritten; on return {@code values} (length k) holds the eigenvalues in ascending
     * order and {@code vectors} (n x k, row-major) their orthonormal eigenvectors as columns, in the same order.
     *
     * @throws ArithmeticException when the iteration does not converge
     */
    void symmetricEigenLargest(float[] a, int n, int k, float[] values, float[] vectors);

    /**
     * Cholesky factorisation A = LLᵀ of the symmetric matrix {@code a} (n x n, row-major; only its lower triangle
     * is read). On success {@code a} holds L (its strict upper triangle set to zero) and the result is 0; when A
     * is not positive definite the result is the order (1-based) of the first leading minor that is not, and the
     * contents of {@code a} are unspecified.
     */
    int cholesky(double[] a, int n);

    /**
     * Solves L X = B ({@code transpose == false}) or Lᵀ X = B ({@code transpose == true}) for the lower-triangular
     * L ({@code l}, n x n row-major, non-singular), overwriting {@code b} (n x nrhs, row-major) with X.
     */
    void lowerSolve(double[] l, int n, double[] b, int nrhs, boolean transpose);

    /**
     * Overwrites {@code a} (m x n, row-major, m ≥ n) with the orthonormal Q (m x n) of its thin QR factorisation
     * A = QR by Householder reflections (LAPACK's sgeqrf then sorgqr), in single precision. Q is orthonormal even
     * when A is rank-deficient (its extra columns then complete the basis).
     */
    void orthonormalize(float[] a, int m, int n);
}
