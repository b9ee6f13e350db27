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
 * <p>OpenBLAS's thread count follows {@link Threads#count()} (set at load and by {@link Threads#set(int)}).
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
                openblas.blas_set_num_threads(Threads.count());
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
        if (loaded) {
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
        PointerCache pc = POINTERS.get();
        try {
            openblas.cblas_sgemm(openblas.CblasRowMajor,
                    transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                    transB ? openblas.CblasTrans : openblas.CblasNoTrans,
                    m, n, k, alpha,
                    pc.a.at(a, aOffset), lda,
                    pc.b.at(b, bOffset), ldb,
                    beta, pc.c.at(c, cOffset), ldc);
        } finally {
            Reference.reachabilityFence(a);
            Reference.reachabilityFence(b);
            Reference.reachabilityFence(c);
        }
    }

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
