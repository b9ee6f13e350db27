package org.ebl4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;

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
