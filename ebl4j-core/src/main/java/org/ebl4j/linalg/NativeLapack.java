package org.ebl4j.linalg;

import org.bytedeco.openblas.global.openblas;
import org.ebl4j.kernel.NativeGemm;

/**
 * {@link LapackKernel} on OpenBLAS's LAPACKE (dsyevd: divide and conquer; ssyevr: MRRR for a few eigenpairs; dpotrf;
 * dtrtrs; sgeqrf + sorgqr) through the JavaCPP presets, in row-major layout. The Java arrays are copied to native
 * memory and back by JavaCPP, an O(n²) cost next to the O(n³) factorisations. OpenBLAS is loaded (once) by
 * {@link NativeGemm#isAvailable()}, which also sets its thread count.
 */
public final class NativeLapack implements LapackKernel {
    private static final byte LOWER = 'L';

    /** Throws when OpenBLAS cannot be loaded (see {@link #isAvailable()}). */
    public NativeLapack() {
        if (!isAvailable()) {
            throw new IllegalStateException("OpenBLAS (LAPACKE) is not available: " + NativeGemm.unavailableReason());
        }
    }

    /** True when the OpenBLAS natives load here. */
    public static boolean isAvailable() {
        return NativeGemm.isAvailable();
    }

    @Override
    public String name() {
        return Lapack.NATIVE;
    }

    @Override
    public void symmetricEigen(double[] a, int n, double[] values) {
        int info = openblas.LAPACKE_dsyevd(openblas.LAPACK_ROW_MAJOR, (byte) 'V', LOWER, n, a, n, values);
        if (info != 0) {
            throw new ArithmeticException("LAPACKE_dsyevd failed on a " + n + " x " + n + " matrix (info " + info
                    + (info > 0 ? ": the eigenvalue iteration did not converge)" : ": bad argument)"));
        }
    }

    @Override
    public void symmetricEigenLargest(float[] a, int n, int k, float[] values, float[] vectors) {
        float[] all = new float[n];
        int[] found = new int[1];
        int[] support = new int[2 * k];
        int info = openblas.LAPACKE_ssyevr(openblas.LAPACK_ROW_MAJOR, (byte) 'V', (byte) 'I', LOWER, n, a, n, 0, 0,
                n - k + 1, n, 0, found, all, vectors, k, support);
        if (info != 0 || found[0] != k) {
            throw new ArithmeticException("LAPACKE_ssyevr failed on a " + n + " x " + n + " matrix (info " + info
                    + ", " + found[0] + " of " + k + " eigenvalues found)");
        }
        System.arraycopy(all, 0, values, 0, k);
    }

    @Override
    public int cholesky(double[] a, int n) {
        int info = openblas.LAPACKE_dpotrf(openblas.LAPACK_ROW_MAJOR, LOWER, n, a, n);
        if (info < 0) {
            throw new IllegalStateException("LAPACKE_dpotrf: bad argument " + (-info));
        }
        if (info == 0) {
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    a[i * n + j] = 0;
                }
            }
        }
        return info;
    }

    @Override
    public void lowerSolve(double[] l, int n, double[] b, int nrhs, boolean transpose) {
        int info = openblas.LAPACKE_dtrtrs(openblas.LAPACK_ROW_MAJOR, LOWER, (byte) (transpose ? 'T' : 'N'),
                (byte) 'N', n, nrhs, l, n, b, nrhs);
        if (info != 0) {
            throw new ArithmeticException("LAPACKE_dtrtrs failed (info " + info
                    + (info > 0 ? ": the triangular matrix is singular)" : ": bad argument)"));
        }
    }

    @Override
    public void orthonormalize(float[] a, int m, int n) {
        float[] tau = new float[n];
        int info = openblas.LAPACKE_sgeqrf(openblas.LAPACK_ROW_MAJOR, m, n, a, n, tau);
        if (info == 0) {
            info = openblas.LAPACKE_sorgqr(openblas.LAPACK_ROW_MAJOR, m, n, n, a, n, tau);
        }
        if (info != 0) {
            throw new IllegalStateException("LAPACKE_sgeqrf/sorgqr: bad argument " + (-info) + " (" + m + " x " + n
                    + ")");
        }
    }
}
