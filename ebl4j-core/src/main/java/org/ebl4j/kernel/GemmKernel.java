package org.ebl4j.kernel;

import java.nio.FloatBuffer;

/**
 * Single-precision general matrix product on row-major off-heap data:
 * {@code C = alpha * op(A) * op(B) + beta * C}, op(X) = X or X<sup>T</sup>.
 *
 * <p>op(A) is m x k, op(B) is k x n, C is m x n. Offsets and leading dimensions are in floats and index the
 * buffers absolutely (buffer positions are ignored). When {@code beta == 0} the old contents of C are not read
 * (NaNs there do not propagate), as in BLAS.
 */
public interface GemmKernel {
    /** Short name used in switches and benchmark tables: "native", "vector" or "scalar". */
    String name();

    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
               FloatBuffer a, int aOffset, int lda,
               FloatBuffer b, int bOffset, int ldb,
               float beta, FloatBuffer c, int cOffset, int ldc);
}
