package org.ebl4j.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LapackTest {
    @Test
    void selectsKernelsByName() {
        assertEquals(Lapack.JAVA, Lapack.get("java").name());
        assertEquals(Lapack.JAVA, Lapack.get(" Java ").name());
        assertTrue(Lapack.available().contains(Lapack.JAVA));
        String auto = Lapack.get(Lapack.AUTO).name();
        assertEquals(NativeLapack.isAvailable() ? Lapack.NATIVE : Lapack.JAVA, auto);
        assertEquals(NativeLapack.isAvailable(), Lapack.available().contains(Lapack.NATIVE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lapack.get("mkl"));
        assertTrue(e.getMessage().contains("auto, native or java"), e.getMessage());
    }

    @Test
    void useSwitchesTheActiveKernel() {
        LapackKernel before = Lapack.kernel();
        try {
            assertEquals(Lapack.JAVA, Lapack.use("java").name());
            assertEquals(Lapack.JAVA, Lapack.kernel().name());
        } finally {
            Lapack.use(before.name());
        }
    }
}
