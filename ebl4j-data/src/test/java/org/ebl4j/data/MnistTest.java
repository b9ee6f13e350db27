package org.ebl4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {
    @TempDir
    Path dir;

    @Test
    void loadsAndSplitsInOrder() throws IOException {
        IdxFiles.mnistDir(dir, 5, 3, 4, new int[] {5, 0, 4, 1, 9});
        Mnist m = Mnist.load(dir);
        assertEquals(5, m.size());
        assertArrayEquals(new int[] {5, 3, 4}, m.images().shape());
        assertEquals((4 + 7) / 255f, m.images().get(4, 1, 3), 1e-7); // image 4, pixel 7
        Mnist.Split s = m.split(3);
        assertArrayEquals(new int[] {5, 0, 4}, s.train().labels().data());
        assertArrayEquals(new int[] {1, 9}, s.test().labels().data());
        assertArrayEquals(new int[] {2, 12}, s.test().flatImages().shape());
        assertEquals(3 / 255f, s.test().flatImages().get(0, 0), 1e-7); // image 3, pixel 0
        assertThrows(IllegalArgumentException.class, () -> m.split(5));
    }

    @Test
    void acceptsUncompressedFileNames() throws IOException {
        Files.write(dir.resolve("images-idx3-ubyte"), IdxFiles.idx(new int[] {2, 1, 1}, new byte[] {0, (byte) 255}));
        Files.write(dir.resolve("labels-idx1-ubyte"), IdxFiles.idx(new int[] {2}, new byte[] {3, 4}));
        Mnist m = Mnist.load(dir);
        assertArrayEquals(new float[] {0f, 1f}, m.images().toArray());
    }

    @Test
    void readsTheStandardTrainAndTestLayoutAsOneSetTrainFirst() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), IdxFiles.gzip(IdxFiles.idx(new int[] {2, 1, 1},
                new byte[] {0, (byte) 255})));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.idx(new int[] {2}, new byte[] {3, 4}));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxFiles.idx(new int[] {1, 1, 1}, new byte[] {51}));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), IdxFiles.gzip(IdxFiles.idx(new int[] {1},
                new byte[] {7})));
        Mnist m = Mnist.load(dir);
        assertArrayEquals(new float[] {0f, 1f, 0.2f}, m.images().toArray(), 1e-7f);
        assertArrayEquals(new int[] {3, 4, 7}, m.labels().data());
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Mnist.load(dir));
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte.gz"), e.getMessage());
    }

    @Test
    void countsMustMatch() throws IOException {
        IdxFiles.mnistDir(dir, 5, 2, 2, new int[] {1, 2, 3, 4});
        IOException e = assertThrows(IOException.class, () -> Mnist.load(dir));
        assertTrue(e.getMessage().contains("holds 5 images but labels-idx1-ubyte.gz holds 4 labels"), e.getMessage());
    }

    @Test
    void labelsMustBeDigits() throws IOException {
        IdxFiles.mnistDir(dir, 2, 2, 2, new int[] {1, 12});
        IOException e = assertThrows(IOException.class, () -> Mnist.load(dir));
        assertTrue(e.getMessage().contains("label 12 at position 1 is not a digit"), e.getMessage());
    }

    @Test
    void missingDirectoryAndFilesAreNamed() throws IOException {
        Path none = dir.resolve("nowhere");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Mnist.load(none));
        assertTrue(e.getMessage().contains(none + ": MNIST data directory does not exist"), e.getMessage());
        Files.write(dir.resolve(Mnist.IMAGES), IdxFiles.gzip(IdxFiles.idx(new int[] {1, 1, 1}, new byte[1])));
        e = assertThrows(NoSuchFileException.class, () -> Mnist.load(dir));
        assertTrue(e.getMessage().contains(dir.resolve(Mnist.LABELS) + ": MNIST file missing"), e.getMessage());
    }
}
