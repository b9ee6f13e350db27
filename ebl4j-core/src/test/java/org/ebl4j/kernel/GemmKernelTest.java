package org.ebl4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every loadable kernel against a float64 reference: all transpose combinations, odd sizes, offsets and padded
 * leading dimensions (padding filled with NaN, so reading outside the matrices shows), alpha/beta (beta = 0 must
 * ignore NaN in C), K and N larger than the cache blocks, thread-count independence (bit-identical for the Java
 * kernels; OpenBLAS only promises accuracy there), and argument validation.
 */
class GemmKernelTest {
    private static final int[] SIZES = {1, 3, 17, 33, 65, 130};
    private static final int[] KS = {1, 3, 17, 130};
    private final int savedThreads = Threads.count();

    @AfterEach
    void restoreThreads() {
        Threads.set(savedThreads);
    }

    static Stream<String> kernels() {
        return Gemm.available().stream();
    }

    @Test
    void kernelsLoadHere() {
        List<String> names = Gemm.available();
        assertTrue(names.contains(Gemm.SCALAR), names.toString());
        // The build runs tests with --add-modules jdk.incubator.vector and OpenBLAS on the class path.
        assertTrue(names.contains(Gemm.VECTOR), "vector kernel: " + Gemm.unavailableReason(Gemm.VECTOR));
        assertTrue(names.contains(Gemm.NATIVE), "native kernel: " + Gemm.unavailableReason(Gemm.NATIVE));
        assertNull(Gemm.unavailableReason(Gemm.SCALAR));
        for (String n : names) {
            assertEquals(n, Gemm.get(n).name());
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void allShapesAndTransposes(String name) {
        GemmKernel kernel = Gemm.get(name);
        Random rnd = new Random(42);
        for (int t = 0; t < 4; t++) {
            boolean ta = (t & 1) != 0;
            boolean tb = (t & 2) != 0;
            for (int m : SIZES) {
                for (int n : SIZES) {
                    for (int k : KS) {
                        Problem p = new Problem(rnd, ta, tb, m, n, k, 1f, 0f, false);
                        p.run(kernel);
                        p.check(name);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void offsetsLeadingDimsAlphaBeta(String name) {
        GemmKernel kernel = Gemm.get(name);
        Random rnd = new Random(7);
        float[][] alphaBeta = {{1f, 0f}, {-0.5f, 0f}, {1f, 1f}, {0.25f, 0.75f}, {2f, -1f}};
        int[][] shapes = {{1, 1, 1}, {3, 17, 5}, {17, 33, 65}, {65, 3, 130}, {33, 65, 17}};
        for (int t = 0; t < 4; t++) {
            for (float[] ab : alphaBeta) {
                for (int[] s : shapes) {
                    Problem p = new Problem(rnd, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], ab[0], ab[1], true);
                    p.run(kernel);
                    p.check(name);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void largerThanCacheBlocks(String name) {
        GemmKernel kernel = Gemm.get(name);
        Random rnd = new Random(3);
        // K > every kc (several passes over C, beta applied once), N > the scalar nc, M > every mc.
        int[][] shapes = {{9, 1030, 520}, {300, 20, 530}, {5, 2100, 9}};
        for (int t = 0; t < 4; t++) {
            for (int[] s : shapes) {
                Problem p = new Problem(rnd, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], 0.5f, 0.75f, true);
                p.run(kernel);
                p.check(name);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void betaZeroIgnoresNanInC(String name) {
        GemmKernel kernel = Gemm.get(name);
        for (int[] s : new int[][] {{4, 32, 8}, {5, 33, 7}, {64, 64, 64}}) {
            int m = s[0], n = s[1], k = s[2];
            FloatBuffer a = filled(m * k, 1f);
            FloatBuffer b = filled(k * n, 2f);
            FloatBuffer c = filled(m * n, Float.NaN);
            kernel.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
            for (int i = 0; i < m * n; i++) {
                assertEquals(2f * k, c.get(i), name + " " + m + "x" + n + "x" + k + " at " + i);
            }
            // alpha == 0 and beta == 0: C becomes zero, NaN not propagated
            FloatBuffer c2 = filled(m * n, Float.NaN);
            kernel.sgemm(false, false, m, n, k, 0f, a, 0, k, b, 0, n, 0f, c2, 0, n);
            for (int i = 0; i < m * n; i++) {
                assertEquals(0f, c2.get(i), name);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void degenerateDimensions(String name) {
        GemmKernel kernel = Gemm.get(name);
        FloatBuffer a = filled(12, 1f);
        FloatBuffer b = filled(12, 1f);
        FloatBuffer c = filled(12, 3f);
        kernel.sgemm(false, false, 3, 4, 0, 1f, a, 0, 1, b, 0, 4, 0.5f, c, 0, 4); // k = 0: C = beta*C
        for (int i = 0; i < 12; i++) {
            assertEquals(1.5f, c.get(i), name);
        }
        kernel.sgemm(false, false, 0, 4, 3, 1f, a, 0, 3, b, 0, 4, 0f, c, 0, 4); // m = 0: nothing
        kernel.sgemm(false, false, 3, 0, 3, 1f, a, 0, 3, b, 0, 1, 0f, c, 0, 1); // n = 0: nothing
        for (int i = 0; i < 12; i++) {
            assertEquals(1.5f, c.get(i), name);
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void threadCountDoesNotChangeResults(String name) {
        GemmKernel kernel = Gemm.get(name);
        Random rnd = new Random(11);
        // Just above the split thresholds (2e6 multiply-adds): along N, along M, and with K > kc; odd edges.
        int[][] shapes = {{80, 201, 130}, {521, 33, 121}, {49, 47, 900}};
        for (int t = 0; t < 4; t++) {
            for (int[] s : shapes) {
                Problem p = new Problem(rnd, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], 0.75f, 0.5f, true);
                Threads.set(1);
                float[] one = p.run(kernel);
                p.check(name);
                for (int threads : new int[] {2, 3}) {
                    Threads.set(threads);
                    float[] many = p.run(kernel);
                    if (name.equals(Gemm.NATIVE)) {
                        // OpenBLAS does not promise this (it differs in the last bit for some shapes with large K),
                        // so only the accuracy is checked.
                        p.check(name + " with " + threads + " threads");
                    } else {
                        assertArrayEquals(one, many, name + " with " + threads + " threads differs from 1 thread, "
                                + p);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void javaKernelsAcceptHeapBuffersNativeRejectsThem(String name) {
        GemmKernel kernel = Gemm.get(name);
        FloatBuffer a = FloatBuffer.wrap(new float[] {1, 2, 3, 4, 5, 6}); // 2x3
        FloatBuffer b = FloatBuffer.wrap(new float[] {1, 0, 0, 1, 1, 1}); // 3x2
        FloatBuffer c = FloatBuffer.allocate(4);
        if (name.equals(Gemm.NATIVE)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> kernel.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2));
            assertTrue(e.getMessage().contains("direct"), e.getMessage());
        } else {
            kernel.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2);
            assertArrayEquals(new float[] {4, 5, 10, 11}, c.array());
        }
    }

    @Test
    void convenienceEntryPointsIncludingTinyPath() {
        Random rnd = new Random(5);
        for (int[] s : new int[][] {{2, 3, 4}, {8, 8, 8}, {9, 9, 9}, {40, 20, 30}}) {
            for (int t = 0; t < 4; t++) {
                Problem p = new Problem(rnd, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], 1.5f, 0.5f, true);
                p.runStatic();
                p.check("Gemm.sgemm");
            }
        }
        FloatBuffer a = direct(new float[] {1, 2, 3, 4});
        FloatBuffer b = direct(new float[] {5, 6, 7, 8});
        FloatBuffer c = filled(4, Float.NaN);
        Gemm.sgemm(2, 2, 2, a, b, c);
        assertArrayEquals(new float[] {19, 22, 43, 50}, toArray(c));
    }

    @Test
    void gramMatchesTheGeneralProductOnEveryKernel() {
        Random rnd = new Random(11);
        GemmKernel before = Gemm.kernel();
        try {
            for (String name : Gemm.available()) {
                Gemm.use(name);
                for (int[] s : new int[][] {{1, 5}, {7, 3}, {40, 70}, {100, 300}}) {
                    int n = s[0];
                    int k = s[1];
                    int off = 3;
                    int lda = n + 2;
                    float[] a = new float[off + k * lda];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = rnd.nextFloat() * 2f - 1f;
                    }
                    FloatBuffer c = filled(2 + n * n, Float.NaN);
                    Gemm.gram(n, k, direct(a), off, lda, c, 2);
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            double want = 0;
                            for (int r = 0; r < k; r++) {
                                want += (double) a[off + r * lda + i] * a[off + r * lda + j];
                            }
                            assertEquals(want, c.get(2 + i * n + j), 1e-5 * k, name + " n=" + n + " k=" + k
                                    + " C[" + i + "][" + j + "]");
                        }
                    }
                }
            }
        } finally {
            Gemm.use(before.name());
        }
    }

    @Test
    void smallHeapOperandsGiveTheSameProductAsDirectOnes() {
        Random rnd = new Random(12);
        float[] a = new float[200 * 30];
        float[] b = new float[30 * 4];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextFloat();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = rnd.nextFloat();
        }
        FloatBuffer direct = filled(200 * 4, 0f);
        Gemm.sgemm(200, 4, 30, direct(a), direct(b), direct);
        FloatBuffer heapB = FloatBuffer.wrap(b.clone()); // a small heap operand is staged off-heap for OpenBLAS
        FloatBuffer out = filled(200 * 4, 0f);
        Gemm.sgemm(200, 4, 30, direct(a), heapB, out);
        assertArrayEquals(toArray(direct), toArray(out));
        FloatBuffer heapC = FloatBuffer.wrap(new float[4 * 4]); // and a heap result is copied back
        Gemm.sgemm(false, false, 4, 4, 30, 1f, direct(a), 0, 30, heapB, 0, 4, 0f, heapC, 0, 4);
        for (int j = 0; j < 16; j++) {
            assertEquals(toArray(direct)[j], heapC.get(j), 1e-6);
        }
    }

    @Test
    void selection() {
        GemmKernel before = Gemm.kernel();
        try {
            assertEquals(Gemm.SCALAR, Gemm.use("scalar").name());
            assertEquals(Gemm.SCALAR, Gemm.kernel().name());
            assertEquals(Gemm.SCALAR, Gemm.use(" SCALAR ").name());
            assertEquals(Gemm.available().get(0), Gemm.use("auto").name());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gemm.use("cuda"));
            assertTrue(e.getMessage().contains("cuda"), e.getMessage());
        } finally {
            Gemm.use(before.name());
        }
    }

    @Test
    void validationNamesOperandDimsAndSize() {
        FloatBuffer a = filled(6, 1f);
        FloatBuffer b = filled(6, 1f);
        FloatBuffer c = filled(4, 0f);
        for (GemmKernel kernel : allKernels()) {
            String n = kernel.name();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> kernel.sgemm(false, false, -1, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2), n);
            assertTrue(e.getMessage().contains("m=-1"), e.getMessage());
            // A is 2x3 at offset 1: needs 7 floats, holds 6
            e = assertThrows(IllegalArgumentException.class,
                    () -> kernel.sgemm(false, false, 2, 2, 3, 1f, a, 1, 3, b, 0, 2, 0f, c, 0, 2), n);
            assertTrue(e.getMessage().contains("A") && e.getMessage().contains("2x3")
                    && e.getMessage().contains("7") && e.getMessage().contains("6"), e.getMessage());
            // B transposed, stored n x k = 2x3 with ldb 4: needs 7
            e = assertThrows(IllegalArgumentException.class,
                    () -> kernel.sgemm(false, true, 2, 2, 3, 1f, a, 0, 3, b, 0, 4, 0f, c, 0, 2), n);
            assertTrue(e.getMessage().contains("B") && e.getMessage().contains("7"), e.getMessage());
            // C too small
            e = assertThrows(IllegalArgumentException.class,
                    () -> kernel.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 1, 2), n);
            assertTrue(e.getMessage().contains("C") && e.getMessage().contains("5")
                    && e.getMessage().contains("4"), e.getMessage());
            // leading dimension smaller than the row
            e = assertThrows(IllegalArgumentException.class,
                    () -> kernel.sgemm(false, false, 2, 2, 3, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2), n);
            assertTrue(e.getMessage().contains("lda=2"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> kernel.sgemm(false, false, 2, 2, 3, 1f, null, 0, 3, b, 0, 2, 0f, c, 0, 2), n);
            assertThrows(IllegalArgumentException.class,
                    () -> kernel.sgemm(false, false, 2, 2, 3, 1f, a, -1, 3, b, 0, 2, 0f, c, 0, 2), n);
            assertThrows(IllegalArgumentException.class, () -> kernel.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3,
                    b, 0, 2, 0f, c.asReadOnlyBuffer(), 0, 2), n);
        }
        // The static entry point validates too (tiny path included).
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, false, 2, 2, 3, 1f, a, 1, 3, b, 0, 2, 0f, c, 0, 2));
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, false, 2, -2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static List<GemmKernel> allKernels() {
        List<GemmKernel> ks = new ArrayList<>();
        for (String n : Gemm.available()) {
            ks.add(Gemm.get(n));
        }
        return ks;
    }

    /** One product with random data; padding and gaps are NaN (A, B) or a sentinel (C). */
    private static final class Problem {
        static final float SENTINEL = -12345f;
        final boolean ta, tb;
        final int m, n, k, aOff, bOff, cOff, lda, ldb, ldc;
        final float alpha, beta;
        final float[] a, b, c0;
        final FloatBuffer ab, bb;
        FloatBuffer cb;

        Problem(Random rnd, boolean ta, boolean tb, int m, int n, int k, float alpha, float beta, boolean padded) {
            this.ta = ta;
            this.tb = tb;
            this.m = m;
            this.n = n;
            this.k = k;
            this.alpha = alpha;
            this.beta = beta;
            int aRows = ta ? k : m, aCols = ta ? m : k;
            int bRows = tb ? n : k, bCols = tb ? k : n;
            aOff = padded ? 1 + rnd.nextInt(7) : 0;
            bOff = padded ? 1 + rnd.nextInt(7) : 0;
            cOff = padded ? 1 + rnd.nextInt(7) : 0;
            lda = aCols + (padded ? 1 + rnd.nextInt(5) : 0);
            ldb = bCols + (padded ? 1 + rnd.nextInt(5) : 0);
            ldc = n + (padded ? 1 + rnd.nextInt(5) : 0);
            a = matrix(rnd, aRows, aCols, aOff, lda, Float.NaN, padded ? 3 : 0);
            b = matrix(rnd, bRows, bCols, bOff, ldb, Float.NaN, padded ? 3 : 0);
            c0 = matrix(rnd, m, n, cOff, ldc, SENTINEL, padded ? 3 : 0);
            if (beta == 0f) { // beta == 0 must not read C
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        c0[cOff + i * ldc + j] = Float.NaN;
                    }
                }
            }
            ab = direct(a);
            bb = direct(b);
        }

        private static float[] matrix(Random rnd, int rows, int cols, int off, int ld, float pad, int tail) {
            int size = rows == 0 ? off + tail : off + (rows - 1) * ld + cols + tail;
            float[] x = new float[size];
            java.util.Arrays.fill(x, pad);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    x[off + i * ld + j] = rnd.nextFloat() * 2f - 1f;
                }
            }
            return x;
        }

        float[] run(GemmKernel kernel) {
            cb = direct(c0);
            kernel.sgemm(ta, tb, m, n, k, alpha, ab, aOff, lda, bb, bOff, ldb, beta, cb, cOff, ldc);
            return toArray(cb);
        }

        void runStatic() {
            cb = direct(c0);
            Gemm.sgemm(ta, tb, m, n, k, alpha, ab, aOff, lda, bb, bOff, ldb, beta, cb, cOff, ldc);
        }

        private double[] ref;
        private double[] tol;

        /** alpha*op(A)*op(B) + beta*C0 in float64, and a tolerance of (k+4) float ulps of the term magnitudes. */
        private void reference() {
            if (ref != null) {
                return;
            }
            double[] opA = new double[m * k]; // m x k
            double[] opB = new double[k * n]; // k x n
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < k; p++) {
                    opA[i * k + p] = ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                }
            }
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) {
                    opB[p * n + j] = tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                }
            }
            double[] s = new double[m * n];
            double[] mag = new double[m * n];
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < k; p++) {
                    double x = opA[i * k + p];
                    for (int j = 0; j < n; j++) {
                        double t = x * opB[p * n + j];
                        s[i * n + j] += t;
                        mag[i * n + j] += Math.abs(t);
                    }
                }
            }
            ref = new double[m * n];
            tol = new double[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double old = beta == 0f ? 0 : c0[cOff + i * ldc + j];
                    ref[i * n + j] = alpha * s[i * n + j] + beta * old;
                    double scale = Math.abs(alpha) * mag[i * n + j] + Math.abs(beta * old);
                    tol[i * n + j] = (k + 4) * 0x1p-23 * scale + 1e-30;
                }
            }
        }

        void check(String who) {
            float[] c = toArray(cb);
            for (int idx = 0; idx < c.length; idx++) { // everything outside the m x n window is untouched
                int rel = idx - cOff;
                boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
                if (!inside && Float.compare(c[idx], c0[idx]) != 0) {
                    fail(who + ": wrote outside C at " + idx + " " + this);
                }
            }
            reference();
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    float got = c[cOff + i * ldc + j];
                    double want = ref[i * n + j];
                    if (!(Math.abs(got - want) <= tol[i * n + j])) {
                        fail(who + ": C[" + i + "][" + j + "] = " + got + ", expected " + want + " +- "
                                + tol[i * n + j] + " " + this);
                    }
                }
            }
        }

        @Override
        public String toString() {
            return String.format("(transA=%b transB=%b m=%d n=%d k=%d alpha=%s beta=%s offsets %d/%d/%d ld %d/%d/%d)",
                    ta, tb, m, n, k, alpha, beta, aOff, bOff, cOff, lda, ldb, ldc);
        }
    }

    static FloatBuffer direct(float[] x) {
        FloatBuffer f = ByteBuffer.allocateDirect(Math.max(1, x.length) * 4).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        f.put(0, x);
        if (x.length == 0) {
            return f.slice(0, 0);
        }
        return f;
    }

    static FloatBuffer filled(int size, float v) {
        float[] x = new float[size];
        java.util.Arrays.fill(x, v);
        return direct(x);
    }

    static float[] toArray(FloatBuffer f) {
        float[] x = new float[f.capacity()];
        f.get(0, x);
        return x;
    }

    @Test
    void selfCheckOfTheReference() {
        // The harness itself must notice a wrong answer: a kernel that ignores alpha fails.
        GemmKernel wrong = new GemmKernel() {
            @Override
            public String name() {
                return "wrong";
            }

            @Override
            public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, FloatBuffer a,
                              int aOffset, int lda, FloatBuffer b, int bOffset, int ldb, float beta, FloatBuffer c,
                              int cOffset, int ldc) {
                new BlockedGemm().sgemm(transA, transB, m, n, k, 1f, a, aOffset, lda, b, bOffset, ldb, beta, c,
                        cOffset, ldc);
            }
        };
        Problem p = new Problem(new Random(1), false, false, 5, 6, 7, 0.5f, 0f, true);
        p.run(wrong);
        assertThrows(AssertionError.class, () -> p.check("wrong"));
        assertFalse(Gemm.available().isEmpty());
    }
}
