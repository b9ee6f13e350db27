package org.ebl4j.linalg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Entry point and selector for the {@link LapackKernel}s: {@code native} (OpenBLAS's LAPACKE, {@link NativeLapack})
 * and {@code java} (pure Java, {@link JavaLapack}; always available).
 *
 * <p>The initial choice comes from system property {@code ebl4j.lapack}, else environment variable
 * {@code EBL4J_LAPACK}: {@code auto} (default: native if OpenBLAS loads, else java) or an explicit name, which
 * throws {@link IllegalStateException} saying why if that kernel cannot load. {@link #use(String)} switches at run
 * time. Both kernels answer to within rounding (pinned by a test), so the choice changes speed, not results.
 * {@link SymmetricEigen} and {@link Cholesky} pick per matrix with {@link #forOrder} unless given a kernel.
 */
public final class Lapack {
    public static final String AUTO = "auto";
    public static final String NATIVE = "native";
    public static final String JAVA = "java";

    /**
     * Matrices of order below this go to the Java kernel from {@link #forOrder} even when native is active. Measured
     * on 2 cores (OpenBLAS 0.3.31): the pure-Java factorisations take under a millisecond there (eigen n = 64:
     * 4 ms Java vs 12 ms native under load), and waking OpenBLAS's LAPACK threads between small tensor operations
     * slowed a 2-D Gaussian-mixture EM loop six-fold (their spinning competes with the Java kernels' threads).
     */
    public static final int SMALL_ORDER = 128;

    private static final JavaLapack JAVA_KERNEL = new JavaLapack();
    private static final Object LOCK = new Object();
    private static volatile LapackKernel active;
    private static LapackKernel nativeKernel;

    private Lapack() {
    }

    /** The active kernel (chosen from {@code ebl4j.lapack} / {@code EBL4J_LAPACK} on first use). */
    public static LapackKernel kernel() {
        LapackKernel k = active;
        if (k == null) {
            synchronized (LOCK) {
                k = active;
                if (k == null) {
                    String choice = System.getProperty("ebl4j.lapack");
                    if (choice == null || choice.isBlank()) {
                        choice = System.getenv("EBL4J_LAPACK");
                    }
                    k = get(choice == null || choice.isBlank() ? AUTO : choice);
                    active = k;
                }
            }
        }
        return k;
    }

    /** The kernel for a matrix of order n: the active one, except that orders below {@link #SMALL_ORDER} use java. */
    public static LapackKernel forOrder(int n) {
        return n < SMALL_ORDER ? JAVA_KERNEL : kernel();
    }

    /**
     * Switches the active kernel: {@code auto}, {@code native} or {@code java}.
     *
     * @return the kernel now active
     * @throws IllegalArgumentException for an unknown name
     * @throws IllegalStateException when the named kernel cannot be loaded (the message says why)
     */
    public static LapackKernel use(String choice) {
        LapackKernel k = get(choice);
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
    public static LapackKernel get(String choice) {
        switch (choice == null ? "" : choice.trim().toLowerCase(Locale.ROOT)) {
            case AUTO: {
                LapackKernel k = loadNative();
                return k != null ? k : JAVA_KERNEL;
            }
            case NATIVE: {
                LapackKernel k = loadNative();
                if (k == null) {
                    return new NativeLapack(); // throws, saying why OpenBLAS did not load
                }
                return k;
            }
            case JAVA:
                return JAVA_KERNEL;
            default:
                throw new IllegalArgumentException("unknown lapack kernel '" + choice
                        + "' (ebl4j.lapack / EBL4J_LAPACK): expected auto, native or java");
        }
    }

    /** Names of the kernels that load here, fastest first (native when OpenBLAS loads, then java). */
    public static List<String> available() {
        List<String> names = new ArrayList<>(2);
        if (NativeLapack.isAvailable()) {
            names.add(NATIVE);
        }
        names.add(JAVA);
        return names;
    }

    private static LapackKernel loadNative() {
        if (!NativeLapack.isAvailable()) {
            return null;
        }
        synchronized (LOCK) {
            if (nativeKernel == null) {
                nativeKernel = new NativeLapack();
            }
            return nativeKernel;
        }
    }
}
