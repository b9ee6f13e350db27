package org.ebl4j.kernel;

import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.nio.FloatBuffer;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;

/**
 * sgemm through OpenBLAS's {@code cblas_sgemm} (row-major) via the JavaCPP presets.
 *
 * <p>No copy: the direct buffers' memory is handed to C. Each operand slot (A, B, C) keeps, per thread, the
 * {@link FloatPointer} made for the last buffer seen there (the JNI address lookup happens once per buffer, not per
 * call) and the call only moves that private pointer's position to the offset. The cache holds the buffer weakly, so
 * it never keeps memory alive, and a {@code reachabilityFence} keeps the buffers alive during the native call.
 *
 * <p>Threads: OpenBLAS runs single-threaded, and a product of at least {@link #PARALLEL_WORK} multiply-adds is
 * split into blocks of C over ebl4j's own pool ({@link Threads}), each block one serial OpenBLAS call. OpenBLAS's
 * own workers spin-wait between calls: on 2 cores shared with other work they slowed small products 10-100 fold
 * (5000x10x64: 1.7 ms vs 0.2 ms split, under a load average of 8) and competed with the Java kernels' threads.
 * {@code -Debl4j.native.split=false} restores OpenBLAS's threading (count from {@link Threads#count()}) for
 * comparison.
 */
public final class NativeGemm implements GemmKernel {
    private static volatile boolean loaded;
    private static String reason;
    private static boolean tried;

    private static final ThreadLocal<PointerCache> POINTERS = ThreadLocal.withInitial(PointerCache::new);

    /** Loads OpenBLAS once. Throws if it cannot (see {@link #isAvailable()}). */
    public NativeGemm() {
        if (!isAvailable()) {
            throw new IllegalStateException("OpenBLAS is not available: " + reason);
        }
    }

    /** Tries (once) to load the OpenBLAS natives; false, with {@link #unavailableReason()}, if that failed. */
    public static synchronized boolean isAvailable() {
        if (!tried) {
            tried = true;
            try {
                org.bytedeco.javacpp.Loader.load(openblas.class);
                openblas.blas_set_num_threads(SPLIT ? 1 : Threads.count());
                loaded = true;
            } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError...
                Throwable root = e;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                reason = e + (root != e ? " (caused by " + root + ")" : "");
            }
        }
        return loaded;
    }

    /** Why OpenBLAS could not be loaded; null when it loaded (or was not tried yet). */
    public static synchronized String unavailableReason() {
        return reason;
    }

    /** Called by {@link Threads#set(int)}: only touches OpenBLAS if it is already loaded. */
    static void applyThreadCount(int n) {
        if (loaded && !SPLIT) {
            openblas.blas_set_num_threads(n);
        }
    }

    /** OpenBLAS's own current thread count, or -1 when not loaded. */
    public static int nativeThreadCount() {
        return loaded ? openblas.blas_get_num_threads() : -1;
    }

    @Override
    public String name() {
        return Gemm.NATIVE;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      FloatBuffer a, int aOffset, int lda, FloatBuffer b, int bOffset, int ldb,
                      float beta, FloatBuffer c, int cOffset, int ldc) {
        Gemm.validate(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (!Gemm.nativeCompatible(a) || !Gemm.nativeCompatible(b) || !Gemm.nativeCompatible(c)) {
            throw new IllegalArgumentException("sgemm: the native kernel needs direct native-order buffers (A: "
                    + describe(a) + ", B: " + describe(b) + ", C: " + describe(c) + ")");
        }
        if (!SPLIT) {
            block(transA, transB, 0, m, 0, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
            return;
        }
        BlockedGemm.drive(m, n, k, alpha, beta, c, cOffset, ldc, UNIT, UNIT, PARALLEL_WORK, (i0, i1, j0, j1) ->
                block(transA, transB, i0, i1, j0, j1, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset,
                        ldc));
    }

    /** Whether ebl4j splits products over its pool (default) rather than OpenBLAS's threads. */
    static final boolean SPLIT = Boolean.parseBoolean(System.getProperty("ebl4j.native.split", "true"));
    /** Blocks of C are cut at multiples of this. */
    static final int UNIT = 16;
    /** Products with fewer multiply-adds run on the calling thread. */
    static final long PARALLEL_WORK = 4_000_000L;

    /** C[i0:i1, j0:j1] = alpha op(A)[i0:i1, :] op(B)[:, j0:j1] + beta C[i0:i1, j0:j1]: one single-threaded call. */
    private static void block(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k, float alpha,
                              FloatBuffer a, int aOffset, int lda, FloatBuffer b, int bOffset, int ldb,
                              float beta, FloatBuffer c, int cOffset, int ldc) {
        PointerCache pc = POINTERS.get();
        try {
            openblas.cblas_sgemm(openblas.CblasRowMajor,
                    transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                    transB ? openblas.CblasTrans : openblas.CblasNoTrans,
                    i1 - i0, j1 - j0, k, alpha,
                    pc.a.at(a, aOffset + (transA ? i0 : i0 * lda)), lda,
                    pc.b.at(b, bOffset + (transB ? j0 * ldb : j0)), ldb,
                    beta, pc.c.at(c, cOffset + i0 * ldc + j0), ldc);
        } finally {
            Reference.reachabilityFence(a);
            Reference.reachabilityFence(b);
            Reference.reachabilityFence(c);
        }
    }

    /**
     * C = AᵀA (n x n, row-major, both triangles) for A stored k x n: the upper triangle as {@code GRAM_BLOCKS}²/2
     * independent blocks (ssyrk on the diagonal, sgemm above it: half the multiply-adds of a full product) shared
     * by the threads, then mirrored.
     */
    static void gram(int n, int k, FloatBuffer a, int aOffset, int lda, FloatBuffer c, int cOffset, int ldc) {
        int blocks = Math.max(1, Math.min(GRAM_BLOCKS, n / UNIT));
        int[] edge = new int[blocks + 1];
        for (int b = 0; b <= blocks; b++) {
            edge[b] = (int) ((long) n * b / blocks);
        }
        int tasks = blocks * (blocks + 1) / 2;
        int[][] pairs = new int[tasks][];
        for (int p = 0, t = 0; p < blocks; p++) {
            for (int q = p; q < blocks; q++) {
                pairs[t++] = new int[] {p, q};
            }
        }
        int threads = (long) n * n * k / 2 < PARALLEL_WORK ? 1 : Math.min(Threads.count(), tasks);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Threads.parallelFor(threads, unused -> {
            PointerCache pc = POINTERS.get();
            for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
                int p0 = edge[pairs[t][0]];
                int p1 = edge[pairs[t][0] + 1];
                int q0 = edge[pairs[t][1]];
                int q1 = edge[pairs[t][1] + 1];
                try {
                    if (p0 == q0) {
                        openblas.cblas_ssyrk(openblas.CblasRowMajor, openblas.CblasUpper, openblas.CblasTrans,
                                p1 - p0, k, 1f, pc.a.at(a, aOffset + p0), lda, 0f,
                                pc.c.at(c, cOffset + p0 * ldc + p0), ldc);
                    } else {
                        openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasTrans, openblas.CblasNoTrans,
                                p1 - p0, q1 - q0, k, 1f, pc.a.at(a, aOffset + p0), lda,
                                pc.b.at(a, aOffset + q0), lda, 0f, pc.c.at(c, cOffset + p0 * ldc + q0), ldc);
                    }
                } finally {
                    Reference.reachabilityFence(a);
                    Reference.reachabilityFence(c);
                }
            }
        });
        float[] row = new float[n];
        for (int i = 1; i < n; i++) { // lower triangle of row i = column i of the upper triangle
            for (int j = 0; j < i; j++) {
                row[j] = c.get(cOffset + j * ldc + i);
            }
            c.put(cOffset + i * ldc, row, 0, i);
        }
    }

    /** Column blocks of the Gram product: 4 gives 10 tasks, enough to balance 2–4 threads. */
    static final int GRAM_BLOCKS = 4;

    private static String describe(FloatBuffer f) {
        return (f.isDirect() ? "direct" : "heap") + " " + f.order();
    }

    /** One cached pointer per operand slot. */
    private static final class PointerCache {
        final Slot a = new Slot();
        final Slot b = new Slot();
        final Slot c = new Slot();
    }

    /** Last buffer (weakly) and this thread's private pointer to its element 0. */
    private static final class Slot {
        private WeakReference<FloatBuffer> buffer = new WeakReference<>(null);
        private FloatPointer pointer;

        FloatPointer at(FloatBuffer buf, int offset) {
            FloatPointer p = pointer;
            if (p == null || buffer.get() != buf) {
                p = new FloatPointer(buf); // address of element 0 of this buffer (JNI once per buffer)
                pointer = p;
                buffer = new WeakReference<>(buf);
            }
            return p.position(offset);
        }
    }
}
