package org.ebl4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

class ThreadsTest {
    @Test
    void setAndCount() {
        int saved = Threads.count();
        try {
            assertTrue(saved >= 1);
            Threads.set(3);
            assertEquals(3, Threads.count());
            if (NativeGemm.isAvailable()) { // OpenBLAS itself stays single-threaded: ebl4j splits products
                assertEquals(NativeGemm.SPLIT ? 1 : 3, NativeGemm.nativeThreadCount());
            }
            assertThrows(IllegalArgumentException.class, () -> Threads.set(0));
            assertEquals(3, Threads.count());
        } finally {
            Threads.set(saved);
        }
    }

    @Test
    void parallelForRunsEveryTaskOnceAndPropagatesFailures() {
        int saved = Threads.count();
        try {
            Threads.set(2);
            AtomicIntegerArray hits = new AtomicIntegerArray(5);
            Threads.parallelFor(5, hits::incrementAndGet);
            for (int i = 0; i < 5; i++) {
                assertEquals(1, hits.get(i));
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Threads.parallelFor(3, t -> {
                if (t == 2) {
                    throw new IllegalStateException("task " + t);
                }
            }));
            assertTrue(e.getMessage().contains("task 2"), e.getMessage());
            assertTrue(Threads.pool().getParallelism() >= 2);
        } finally {
            Threads.set(saved);
        }
    }

    @Test
    void nestedConcurrentAndRepeatedCallsEachRunEveryTaskOnce() throws Exception {
        int saved = Threads.count();
        try {
            Threads.set(3);
            // nested: the inner call runs its tasks in turn on the thread of the outer task
            AtomicIntegerArray inner = new AtomicIntegerArray(4 * 6);
            Threads.parallelFor(4, o -> Threads.parallelFor(6, i -> inner.incrementAndGet(o * 6 + i)));
            for (int i = 0; i < inner.length(); i++) {
                assertEquals(1, inner.get(i), "nested task " + i);
            }
            // concurrent callers from four threads (all but one go to the fork-join pool), many small jobs each, with
            // pauses that let workers park, and long tasks that make the caller park while it waits
            AtomicIntegerArray hits = new AtomicIntegerArray(4 * 200 * 7);
            List<Thread> callers = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int caller = c;
                callers.add(new Thread(() -> {
                    for (int job = 0; job < 200; job++) {
                        int base = (caller * 200 + job) * 7;
                        boolean slow = job % 40 == 0;
                        Threads.parallelFor(7, t -> {
                            if (slow && t == 6) {
                                LockSupport.parkNanos(500_000);
                            }
                            hits.incrementAndGet(base + t);
                        });
                        if (job % 50 == 0) {
                            LockSupport.parkNanos(300_000);
                        }
                    }
                }));
            }
            for (Thread t : callers) {
                t.start();
            }
            for (Thread t : callers) {
                t.join();
            }
            for (int i = 0; i < hits.length(); i++) {
                assertEquals(1, hits.get(i), "concurrent task " + i);
            }
            // after the count falls the surplus workers retire; work still gets done
            Threads.set(1);
            Threads.parallelFor(3, t -> inner.incrementAndGet(t));
            Threads.set(2);
            AtomicIntegerArray again = new AtomicIntegerArray(9);
            Threads.parallelFor(9, again::incrementAndGet);
            for (int i = 0; i < 9; i++) {
                assertEquals(1, again.get(i));
            }
        } finally {
            Threads.set(saved);
        }
    }

    @Test
    void stripesCoverTheRangeInWholeTiles() {
        for (int len : new int[] {1, 7, 16, 17, 100, 1030}) {
            for (int parts = 1; parts <= 4; parts++) {
                int next = 0;
                for (int t = 0; t < parts; t++) {
                    int[] r = BlockedGemm.stripe(t, parts, len, 8);
                    assertEquals(next, r[0]);
                    assertTrue(r[1] >= r[0]);
                    assertTrue(r[0] % 8 == 0);
                    next = r[1];
                }
                assertEquals(len, next);
            }
        }
    }
}
