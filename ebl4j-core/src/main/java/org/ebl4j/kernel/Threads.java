package org.ebl4j.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.IntConsumer;

/**
 * The library's thread count and the shared pool the Java kernels split work over.
 *
 * <p>The count comes from system property {@code ebl4j.threads}, else environment variable {@code EBL4J_THREADS},
 * else {@link Runtime#availableProcessors()}. {@link #set(int)} changes it at run time, for the Java kernels and for
 * OpenBLAS (when the native library is already loaded; otherwise {@link NativeGemm} applies the count when it
 * loads).
 *
 * <p>Determinism: kernels split a product only over disjoint blocks of C (rows or columns), never over the reduction
 * dimension, and every element of C is computed by the same sequence of operations whatever the split, so the thread
 * count never changes a result.
 */
public final class Threads {
    private static volatile int count = initialCount();
    private static volatile ForkJoinPool pool;
    private static final SpinningWorkers WORKERS = new SpinningWorkers();

    private Threads() {
    }

    private static int initialCount() {
        String s = System.getProperty("ebl4j.threads");
        String source = "system property ebl4j.threads";
        if (s == null || s.isBlank()) {
            s = System.getenv("EBL4J_THREADS");
            source = "environment variable EBL4J_THREADS";
        }
        if (s == null || s.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(s.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException(source + " must be a positive integer, got '" + s + "'");
    }

    /** Number of threads kernels may use (at least 1). */
    public static int count() {
        return count;
    }

    /** Sets the thread count for the Java kernels and, when it is loaded, for OpenBLAS. */
    public static synchronized void set(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("thread count must be >= 1, got " + n);
        }
        count = n;
        NativeGemm.applyThreadCount(n);
    }

    /** The shared daemon pool (created on first use, grown when the count rises). */
    public static ForkJoinPool pool() {
        ForkJoinPool p = pool;
        int want = Math.max(1, count);
        if (p == null || p.getParallelism() < want) {
            synchronized (Threads.class) {
                p = pool;
                if (p == null || p.getParallelism() < want) {
                    ForkJoinPool old = p;
                    p = new ForkJoinPool(want, Threads::newWorker, null, false);
                    pool = p;
                    if (old != null) {
                        old.shutdown();
                    }
                }
            }
        }
        return p;
    }

    private static ForkJoinWorkerThread newWorker(ForkJoinPool p) {
        ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
        t.setDaemon(true);
        t.setName("ebl4j-worker-" + t.getPoolIndex());
        return t;
    }

    /**
     * Runs {@code body.accept(t)} for {@code t = 0 .. tasks-1} over the caller and the {@link SpinningWorkers} (in
     * turn on the calling thread when nested in one of their tasks), or, when another thread's call holds them,
     * over the fork-join pool with task 0 on the caller; then all are joined. Tasks must write disjoint data.
     * Exceptions from any task are rethrown.
     */
    public static void parallelFor(int tasks, IntConsumer body) {
        if (tasks <= 1) {
            if (tasks == 1) {
                body.accept(0);
            }
            return;
        }
        if (WORKERS.tryRun(tasks, body, Math.min(tasks, count))) {
            return;
        }
        ForkJoinPool p = pool();
        ForkJoinTask<?>[] forks = new ForkJoinTask<?>[tasks - 1];
        for (int t = 1; t < tasks; t++) {
            final int id = t;
            forks[t - 1] = p.submit(() -> body.accept(id));
        }
        Throwable failure = null;
        try {
            body.accept(0);
        } catch (Throwable e) {
            failure = e;
        }
        for (ForkJoinTask<?> f : forks) {
            try {
                f.join();
            } catch (Throwable e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        if (failure != null) {
            throw new RuntimeException(failure);
        }
    }
}
