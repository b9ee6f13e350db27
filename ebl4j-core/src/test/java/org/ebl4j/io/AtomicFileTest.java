package org.ebl4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed write leaves the previous file byte-identical and no temporary file behind. */
class AtomicFileTest {
    @TempDir
    Path dir;

    private Path target;
    private byte[] before;

    @BeforeEach
    void existingFile() throws IOException {
        target = dir.resolve("model.safetensors");
        SafeTensors.save(target, Map.of("w", Tensor.vector(1, 2, 3)), Map.of("epoch", "1"));
        before = Files.readAllBytes(target);
    }

    private void assertUntouched() throws IOException {
        assertArrayEquals(before, Files.readAllBytes(target));
        assertEquals(List.of(), SafeTensorsTest.leftovers(target), "temporary file removed");
    }

    @Test
    void failureMidwayThroughTheContent() throws IOException {
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(target, channel -> {
            channel.write(ByteBuffer.wrap(new byte[1000]));
            throw new IOException("disk full");
        }));
        assertTrue(e.getMessage().startsWith(target + ": write failed, the previous file (if any) is unchanged: "
                + "java.io.IOException: disk full"), e.getMessage());
        assertUntouched();
    }

    @Test
    void runtimeFailureMidwayPropagatesUnchanged() throws IOException {
        IllegalStateException boom = new IllegalStateException("boom");
        assertEquals(boom, assertThrows(IllegalStateException.class, () -> AtomicFile.write(target, channel -> {
            channel.write(ByteBuffer.wrap(new byte[10]));
            throw boom;
        })));
        assertUntouched();
    }

    @Test
    void tensorMapWhoseIterationThrows() throws IOException {
        Map<String, Tensor> failing = new AbstractMap<>() {
            @Override
            public Set<Entry<String, Tensor>> entrySet() {
                return new AbstractSet<>() {
                    @Override
                    public Iterator<Entry<String, Tensor>> iterator() {
                        Iterator<Entry<String, Tensor>> first = List.of(Map.entry("w", Tensor.vector(9, 9, 9)))
                                .iterator();
                        return new Iterator<>() {
                            @Override
                            public boolean hasNext() {
                                return true;
                            }

                            @Override
                            public Entry<String, Tensor> next() {
                                if (first.hasNext()) {
                                    return first.next();
                                }
                                throw new IllegalStateException("concurrent modification");
                            }
                        };
                    }

                    @Override
                    public int size() {
                        return 2;
                    }
                };
            }
        };
        assertThrows(IllegalStateException.class, () -> SafeTensors.save(target, failing, Map.of()));
        assertUntouched();
    }

    @Test
    void interruptedWrite() throws IOException {
        Thread.currentThread().interrupt();
        IOException e;
        try {
            e = assertThrows(IOException.class, () -> SafeTensors.save(target, Map.of("w", Tensor.zeros(1000)),
                    Map.of()));
        } finally {
            Thread.interrupted();
        }
        assertInstanceOf(ClosedByInterruptException.class, e.getCause());
        assertTrue(e.getMessage().startsWith(target + ": write failed"), e.getMessage());
        assertUntouched();
    }

    @Test
    void destinationIsADirectory() throws IOException {
        Path sub = dir.resolve("sub");
        Files.createDirectories(sub.resolve("child"));
        IOException e = assertThrows(IOException.class, () -> SafeTensors.save(sub, Map.of(), Map.of()));
        assertTrue(e.getMessage().startsWith(sub + ": write failed"), e.getMessage());
        assertTrue(Files.isDirectory(sub.resolve("child")));
        assertEquals(List.of(sub), SafeTensorsTest.leftovers(target).stream().toList());
    }

    @Test
    void readOnlyDirectory() throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "needs POSIX");
        Set<PosixFilePermission> original = Files.getPosixFilePermissions(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Assumptions.assumeFalse(Files.isWritable(dir), "running as root: permissions are not enforced");
            IOException e = assertThrows(IOException.class,
                    () -> SafeTensors.save(target, Map.of("w", Tensor.vector(4, 5, 6)), Map.of()));
            assertTrue(e.getMessage().startsWith(target + ": write failed"), e.getMessage());
        } finally {
            Files.setPosixFilePermissions(dir, original);
        }
        assertUntouched();
    }

    @Test
    void successReplacesTheFileWithOrdinaryPermissions() throws IOException {
        SafeTensors.save(target, Map.of("w", Tensor.vector(4, 5, 6)), Map.of());
        assertArrayEquals(new float[] {4, 5, 6}, SafeTensors.load(target).tensors().get("w").toArray());
        assertEquals(List.of(), SafeTensorsTest.leftovers(target));
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Path plain = Files.createFile(dir.resolve("plain"));
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target),
                    "umask permissions, not the 0600 of Files.createTempFile");
        }
    }
}
