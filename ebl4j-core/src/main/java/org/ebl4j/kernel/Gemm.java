package org.ebl4j.kernel;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Entry point and selector for the matrix-product kernels.
 *
 * <p>Kernels: {@code native} (OpenBLAS through JavaCPP, {@link NativeGemm}), {@code vector} (pure Java on the
 * incubating Vector API, {@code VectorGemm}, loaded by reflection so the class is never touched without the
 * {@code jdk.incubator.vector} module) and {@code scalar} (pure Java, {@link BlockedGemm}; always available).
 *
 * <p>The initial choice comes from system property {@code ebl4j.gemm}, else environment variable {@code EBL4J_GEMM}:
 * {@code auto} (default: native if it loads, else vector if the module is present, else scalar), or an explicit
 * name, which throws {@link IllegalStateException} saying why if that kernel cannot load. {@link #use(String)}
 * switches at run time.
 *
 * <p>{@link #sgemm} validates its arguments (via {@link #validate}; every kernel validates too, so a bad call can
 * never touch memory outside a buffer) and sends tiny products ({@code m*n*k <= } {@link #TINY_WORK}) to a plain
 * Java loop, which beats the JNI transition and the packing of the blocked kernels there. A native call costs
 * ~65 ns (8x8x8), about the raw JNI cost, because {@link NativeGemm} caches its pointers.
 */
public final class Gemm {
    public static final String AUTO = "auto";
    public static final String NATIVE = "native";
    public static final String VECTOR = "vector";
    public static final String SCALAR = "scalar";

    /**
     * Products with {@code m*n*k} at most this go to {@link BlockedGemm#simple} from {@link #sgemm}. Measured per
     * call (Zen 4, JDK 17): 2x2x2 22 ns in the loop vs 44 native; 4x4x4 99 vs 61 native, 139 vector, 118 scalar;
     * 8x8x8 600 vs 65 native, 300 vector, 360 scalar - so only the very smallest products gain.
     */
    public static final long TINY_WORK = 32;

    private static final Object LOCK = new Object();
    private static volatile GemmKernel active;
    private static GemmKernel nativeKernel;
    private static GemmKernel vectorKernel;
    private static String vectorReason;
    private static boolean vectorTried;
    private static final GemmKernel SCALAR_KERNEL = new BlockedGemm();

    private Gemm() {
    }

    /** The active kernel (chosen from {@code ebl4j.gemm} / {@code EBL4J_GEMM} on first use). */
    public static GemmKernel kernel() {
        GemmKernel k = active;
        if (k == null) {
            synchronized (LOCK) {
                k = active;
                if (k == null) {
                    String choice = System.getProperty("ebl4j.gemm");
                    if (choice == null || choice.isBlank()) {
                        choice = System.getenv("EBL4J_GEMM");
                    }
                    if (choice == null || choice.isBlank()) {
                        choice = AUTO;
                    }
                    k = resolve(choice);
                    active = k;
                }
            }
        }
        return k;
    }

    /**
     * Switches the active kernel: {@code auto}, {@code native}, {@code vector} or {@code scalar}.
     *
     * @return the kernel now active
     * @throws IllegalArgumentException for an unknown name
     * @throws IllegalStateException when the named kernel cannot be loaded (the message says why)
     */
    public static GemmKernel use(String choice) {
        GemmKernel k = resolve(choice);
        synchronized (LOCK) {
            active = k;
        }
        return k;
    }

    /**
     * The kernel with this name, without changing the active one.
     *
     * @throws IllegalArgumentException for an unknown name
     * @throws IllegalStateException when it cannot be loaded
     */
    public static GemmKernel get(String choice) {
        return resolve(choice);
    }

    /** Names of the kernels that load here, fastest first (subset of native, vector, scalar). */
    public static List<String> available() {
        List<String> names = new ArrayList<>(3);
        if (NativeGemm.isAvailable()) {
            names.add(NATIVE);
        }
        if (loadVector() != null) {
            names.add(VECTOR);
        }
        names.add(SCALAR);
        return names;
    }

    /** Why the named kernel cannot load, or {@code null} when it can. */
    public static String unavailableReason(String choice) {
        switch (normalise(choice)) {
            case NATIVE:
                return NativeGemm.unavailableReason();
            case VECTOR:
                loadVector();
                synchronized (LOCK) {
                    return vectorReason;
                }
            case SCALAR:
            case AUTO:
                return null;
            default:
                throw unknown(choice);
        }
    }

    private static String normalise(String choice) {
        return choice == null ? "" : choice.trim().toLowerCase(Locale.ROOT);
    }

    private static IllegalArgumentException unknown(String choice) {
        return new IllegalArgumentException("unknown gemm kernel '" + choice
                + "' (ebl4j.gemm / EBL4J_GEMM): expected auto, native, vector or scalar");
    }

    private static GemmKernel resolve(String choice) {
        switch (normalise(choice)) {
            case AUTO: {
                GemmKernel k = loadNative();
                if (k == null) {
                    k = loadVector();
                }
                return k != null ? k : SCALAR_KERNEL;
            }
            case NATIVE: {
                GemmKernel k = loadNative();
                if (k == null) {
                    throw new IllegalStateException("gemm kernel 'native' requested but OpenBLAS could not be "
                            + "loaded: " + NativeGemm.unavailableReason());
                }
                return k;
            }
            case VECTOR: {
                GemmKernel k = loadVector();
                if (k == null) {
                    throw new IllegalStateException("gemm kernel 'vector' requested but it cannot be used: "
                            + unavailableReason(VECTOR));
                }
                return k;
            }
            case SCALAR:
                return SCALAR_KERNEL;
            default:
                throw unknown(choice);
        }
    }

    private static GemmKernel loadNative() {
        if (!NativeGemm.isAvailable()) {
            return null;
        }
        synchronized (LOCK) {
            if (nativeKernel == null) {
                nativeKernel = new NativeGemm();
            }
            return nativeKernel;
        }
    }

    /** Loads VectorGemm by reflection, so that nothing links against jdk.incubator.vector unless it is present. */
    private static GemmKernel loadVector() {
        synchronized (LOCK) {
            if (!vectorTried) {
                vectorTried = true;
                if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                    vectorReason = "module jdk.incubator.vector is not present (run java with "
                            + "--add-modules jdk.incubator.vector)";
                } else {
                    try {
                        Class<?> cls = Class.forName("org.ebl4j.kernel.VectorGemm");
                        vectorKernel = (GemmKernel) cls.getDeclaredConstructor().newInstance();
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        Throwable cause = e.getCause() != null ? e.getCause() : e;
                        vectorReason = cause.toString();
                    } catch (Throwable e) { // NoClassDefFoundError, LinkageError, reflection failures
                        vectorReason = e.toString();
                    }
                }
            }
            return vectorKernel;
        }
    }

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C} with the active kernel (see {@link GemmKernel} for the layout).
     * Tiny products run in a plain Java loop.
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             FloatBuffer a, int aOffset, int lda,
                             FloatBuffer b, int bOffset, int ldb,
                             float beta, FloatBuffer c, int cOffset, int ldc) {
        if ((long) m * n * k <= TINY_WORK) {
            validate(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
            BlockedGemm.simple(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c,
                    cOffset, ldc);
            return;
        }
        GemmKernel kernel = kernel();
        if (kernel instanceof NativeGemm && !(nativeCompatible(a) && nativeCompatible(b) && nativeCompatible(c))) {
            // small tensors live on the heap (see Storage): no address to hand to C. Small heap operands are
            // staged in off-heap scratch (a copy of at most STAGED_LIMIT floats); larger ones run in Java.
            if (!(stageable(a) && stageable(b) && stageable(c))) {
                javaKernel().sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c,
                        cOffset, ldc);
                return;
            }
            validate(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
            FloatBuffer[] scratch = STAGING.get();
            FloatBuffer sa = staged(a, scratch, 0);
            FloatBuffer sb = staged(b, scratch, 1);
            FloatBuffer sc = staged(c, scratch, 2);
            kernel.sgemm(transA, transB, m, n, k, alpha, sa, aOffset, lda, sb, bOffset, ldb, beta, sc, cOffset, ldc);
            if (sc != c) {
                c.put(0, sc, 0, c.capacity());
            }
            return;
        }
        kernel.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    /**
     * The Gram matrix {@code C = AᵀA} (n x n, row-major, both triangles written) of A stored k x n with leading
     * dimension {@code lda}: a symmetric rank-k update, half the multiply-adds of the general product on the native
     * kernel (the full product on the Java kernels).
     */
    public static void gram(int n, int k, FloatBuffer a, int aOffset, int lda, FloatBuffer c, int cOffset) {
        validate(true, false, n, n, k, a, aOffset, lda, a, aOffset, lda, c, cOffset, n);
        if (kernel() instanceof NativeGemm && nativeCompatible(a) && nativeCompatible(c) && (long) n * n * k > TINY_WORK
                && n > 0) {
            NativeGemm.gram(n, k, a, aOffset, lda, c, cOffset, n);
            return;
        }
        sgemm(true, false, n, n, k, 1f, a, aOffset, lda, a, aOffset, lda, 0f, c, cOffset, n);
    }

    /** Heap operands of at most this many floats are copied off-heap for the native kernel. */
    static final int STAGED_LIMIT = 16384;

    /** Per-thread off-heap scratch for the staged copies of A, B and C. */
    private static final ThreadLocal<FloatBuffer[]> STAGING = ThreadLocal.withInitial(() -> new FloatBuffer[3]);

    private static boolean stageable(FloatBuffer buf) {
        return nativeCompatible(buf) || buf.capacity() <= STAGED_LIMIT;
    }

    /** {@code buf} itself when the native kernel can read it, else a copy in the thread's scratch slot. */
    private static FloatBuffer staged(FloatBuffer buf, FloatBuffer[] scratch, int slot) {
        if (nativeCompatible(buf)) {
            return buf;
        }
        if (scratch[slot] == null) { // one buffer per slot, so NativeGemm's pointer cache keeps hitting
            scratch[slot] = java.nio.ByteBuffer.allocateDirect(STAGED_LIMIT * Float.BYTES)
                    .order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
        scratch[slot].put(0, buf, 0, buf.capacity());
        return scratch[slot];
    }

    /** The fastest pure-Java kernel here: vector when the module is present, else scalar. */
    private static GemmKernel javaKernel() {
        GemmKernel v = loadVector();
        return v != null ? v : SCALAR_KERNEL;
    }

    /** Dense row-major {@code C[m x n] = A[m x k] * B[k x n]}, all at offset 0 with tight leading dimensions. */
    public static void sgemm(int m, int n, int k, FloatBuffer a, FloatBuffer b, FloatBuffer c) {
        sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
    }

    /**
     * Checks dimensions, leading dimensions and that every operand's buffer holds the elements the product touches.
     *
     * @throws IllegalArgumentException naming the operand, its dimensions and the buffer size
     */
    public static void validate(boolean transA, boolean transB, int m, int n, int k,
                                FloatBuffer a, int aOffset, int lda,
                                FloatBuffer b, int bOffset, int ldb,
                                FloatBuffer c, int cOffset, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sgemm: negative dimension m=" + m + ", n=" + n + ", k=" + k);
        }
        // A is stored (transA ? k x m : m x k), B (transB ? n x k : k x n), C m x n.
        checkOperand("A", transA ? "k x m" : "m x k", transA ? k : m, transA ? m : k, a, aOffset, lda, "lda");
        checkOperand("B", transB ? "n x k" : "k x n", transB ? n : k, transB ? k : n, b, bOffset, ldb, "ldb");
        checkOperand("C", "m x n", m, n, c, cOffset, ldc, "ldc");
        if (c.isReadOnly() && m > 0 && n > 0) {
            throw new IllegalArgumentException("sgemm: C buffer is read-only");
        }
    }

    private static void checkOperand(String name, String shape, int rows, int cols, FloatBuffer buf, int offset,
                                     int ld, String ldName) {
        if (buf == null) {
            throw new IllegalArgumentException("sgemm: " + name + " buffer is null");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("sgemm: " + name + " offset is negative (" + offset + ")");
        }
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException("sgemm: " + ldName + "=" + ld + " is less than max(1, " + cols
                    + "), the row length of " + name + " stored as " + shape + " = " + rows + "x" + cols);
        }
        long need = (rows == 0 || cols == 0) ? offset : offset + (long) (rows - 1) * ld + cols;
        if (need > buf.capacity()) {
            throw new IllegalArgumentException("sgemm: " + name + " stored as " + shape + " = " + rows + "x" + cols
                    + " with offset " + offset + " and " + ldName + "=" + ld + " needs " + need
                    + " floats but its buffer holds " + buf.capacity());
        }
    }

    /** True when the native kernel can hand this buffer's memory to C unchanged. */
    static boolean nativeCompatible(FloatBuffer buf) {
        return buf.isDirect() && buf.order() == ByteOrder.nativeOrder();
    }

    /**
     * Handles the products with no multiply-add work: returns true (after setting {@code C = beta*C}) when
     * {@code k == 0} or {@code alpha == 0}, or when C is empty.
     */
    static boolean trivial(int m, int n, int k, float alpha, float beta, FloatBuffer c, int cOffset, int ldc) {
        if (m == 0 || n == 0) {
            return true;
        }
        if (k != 0 && alpha != 0f) {
            return false;
        }
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * ldc;
            if (beta == 0f) {
                for (int j = 0; j < n; j++) {
                    c.put(row + j, 0f);
                }
            } else if (beta != 1f) {
                for (int j = 0; j < n; j++) {
                    c.put(row + j, beta * c.get(row + j));
                }
            }
        }
        return true;
    }
}
