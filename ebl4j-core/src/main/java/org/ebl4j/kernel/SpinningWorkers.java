package org.ebl4j.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The workers behind {@link Threads#parallelFor}: daemon threads that, after a job, keep polling for the next one for
 * {@link #SPIN_NANOS} before they park. Why: waking a parked thread took ~45 µs here (measured: parallelFor(2) of
 * empty tasks after a pause of 20 µs or more; 8 µs back to back), a third of a 10M multiply-add product, and the
 * library's parallel regions come in chains (a training step is a dozen of them, tens of µs apart), so a worker that
 * is still polling starts at once. The polling is bounded, unlike OpenBLAS's workers that spin between calls and
 * starve whatever else runs on the cores.
 *
 * <p>One job at a time. A parallelFor nested in a task of the running job runs its tasks one after another on the
 * calling thread (the job already holds every thread; splitting further would only oversubscribe the cores); a
 * concurrent caller from another thread is refused and uses the fork-join pool. Tasks are claimed from a shared
 * counter, the caller taking part, so a job may have more tasks than threads. The caller waits for the workers'
 * last tasks polling, then parked, like the workers. Workers beyond {@link Threads#count()} − 1 retire.
 */
final class SpinningWorkers {
    /** How long an idle worker polls before it parks: system property {@code ebl4j.spin.micros}, default 100. */
    static final long SPIN_NANOS = Long.getLong("ebl4j.spin.micros", 100) * 1000;

    /** One parallelFor: its tasks, the next unclaimed one, those not yet finished, and the first failure. */
    private static final class Job {
        final IntConsumer body;
        final int tasks;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger pending;
        /** The caller, once it parks to wait for the last tasks. */
        volatile Thread waiter;
        Throwable failure;

        Job(IntConsumer body, int tasks) {
            this.body = body;
            this.tasks = tasks;
            this.pending = new AtomicInteger(tasks);
        }

        /** Claims and runs tasks until none is left. */
        void work() {
            for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
                try {
                    body.accept(t);
                } catch (Throwable e) {
                    synchronized (this) {
                        if (failure == null) {
                            failure = e;
                        } else {
                            failure.addSuppressed(e);
                        }
                    }
                } finally {
                    if (pending.decrementAndGet() == 0) {
                        Thread w = waiter;
                        if (w != null) {
                            LockSupport.unpark(w);
                        }
                    }
                }
            }
        }
    }

    private final AtomicBoolean busy = new AtomicBoolean();
    /** The thread whose job is running (null between jobs). */
    private volatile Thread owner;
    private final List<Worker> workers = new ArrayList<>();
    private volatile Job current;

    /**
     * Runs {@code body.accept(t)} for t = 0 .. tasks − 1 over the caller and {@code threads} − 1 workers and joins
     * them, rethrowing the first failure; inside a task of the running job, runs them in turn on the calling
     * thread; false (nothing run) when another thread's job holds the workers.
     */
    boolean tryRun(int tasks, IntConsumer body, int threads) {
        Thread me = Thread.currentThread();
        if (me == owner || me instanceof Worker) {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
            return true;
        }
        if (!busy.compareAndSet(false, true)) {
            return false;
        }
        Job job = new Job(body, tasks);
        owner = me;
        try {
            while (workers.size() < threads - 1) {
                Worker w = new Worker(workers.size());
                workers.add(w);
                w.start();
            }
            current = job;
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w);
                }
            }
            job.work();
            awaitWorkers(job);
            current = null; // drop the body (and what it holds) once every task is done
        } finally {
            owner = null;
            busy.set(false);
        }
        Throwable failure;
        synchronized (job) {
            failure = job.failure;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new RuntimeException(failure);
        }
        return true;
    }

    /** Returns when the job's last task is done: polls for {@link #SPIN_NANOS}, then parks until a worker unparks. */
    private static void awaitWorkers(Job job) {
        long start = System.nanoTime();
        while (job.pending.get() > 0) {
            if (System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                job.waiter = Thread.currentThread();
                if (job.pending.get() > 0) { // re-read after announcing: a last task done before this is seen here
                    LockSupport.park(job);
                }
            }
        }
    }

    /** Polls for jobs, works on them, parks after {@link #SPIN_NANOS} without one. */
    private final class Worker extends Thread {
        private final int index;
        volatile boolean parked;

        Worker(int index) {
            super("ebl4j-spinning-worker-" + index);
            this.index = index;
            setDaemon(true);
        }

        @Override
        public void run() {
            Job seen = null;
            long idleSince = System.nanoTime();
            while (true) {
                Job j = current;
                if (j != null && j != seen) {
                    seen = j;
                    j.work();
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    if (index >= Threads.count() - 1 && retire()) {
                        return;
                    }
                    parked = true;
                    j = current; // re-read after announcing: a job published before this is seen here
                    if (j == null || j == seen) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }

        /** Leaves the pool when no job runs (the thread count fell); false when a job started meanwhile. */
        private boolean retire() {
            if (!busy.compareAndSet(false, true)) {
                return false;
            }
            try {
                if (workers.get(workers.size() - 1) != this) {
                    return false; // retire from the end only, so indices stay 0 .. size − 1
                }
                workers.remove(workers.size() - 1);
                return true;
            } finally {
                busy.set(false);
            }
        }
    }
}
