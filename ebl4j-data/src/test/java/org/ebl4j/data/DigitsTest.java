package org.ebl4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitsTest {
    @TempDir
    Path dir;

    /** A CSV row: pixel p = (p + shift) % 17, then the label. */
    private static String row(int shift, int label) {
        StringBuilder s = new StringBuilder();
        for (int p = 0; p < Digits.PIXELS; p++) {
            s.append((p + shift) % 17).append(',');
        }
        return s.append(label).toString();
    }

    private static Digits parse(String text) throws IOException {
        return Digits.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), "test.csv");
    }

    private static IOException failure(String text) {
        return assertThrows(IOException.class, () -> parse(text));
    }

    @Test
    void parsesPixelsAsCountsOverSixteenAndLabels() throws IOException {
        Digits d = parse(row(0, 7) + "\n\n" + row(3, 0) + "\n");
        assertEquals(2, d.size());
        assertArrayEquals(new int[] {2, 8, 8}, d.images().shape());
        assertArrayEquals(new int[] {7, 0}, d.labels().data());
        assertEquals(16 / 16f, d.images().get(0, 2, 0), 0f); // image 0, pixel 16
        assertEquals(0f, d.images().get(0, 2, 1), 0f); // pixel 17 -> 17 % 17
        assertEquals(5 / 16f, d.images().get(1, 0, 2), 0f); // image 1, pixel 2 -> 5
        assertArrayEquals(new int[] {2, 64}, d.flatImages().shape());
        assertEquals(9 / 16f, d.flatImages().get(1, 6), 0f);
    }

    @Test
    void loadsGzipOrPlainFromADirectory() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write((row(1, 4) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        Files.write(dir.resolve(Digits.FILE), bytes.toByteArray());
        assertArrayEquals(new int[] {4}, Digits.load(dir).labels().data());
        Files.delete(dir.resolve(Digits.FILE));
        Files.writeString(dir.resolve("digits.csv"), row(1, 6));
        assertArrayEquals(new int[] {6}, Digits.load(dir).labels().data());
    }

    @Test
    void malformedRowsNameTheSourceAndLine() {
        String good = row(0, 1) + "\n";
        assertTrue(failure(good + "1,2,3\n").getMessage().contains(
                "test.csv: line 2: expected 65 comma-separated values (64 pixels, then the label), found 3"));
        assertTrue(failure(good + good + row(0, 1).replaceFirst("^0,", "x,")).getMessage().contains(
                "test.csv: line 3: pixel 0 is 'x', not an integer"));
        assertTrue(failure(row(0, 1).replaceFirst("^0,", "17,")).getMessage().contains(
                "test.csv: line 1: pixel 0 is 17, outside 0..16"));
        assertTrue(failure(row(0, 10)).getMessage().contains("test.csv: line 1: label is 10, outside 0..9"));
        assertTrue(failure("\n").getMessage().contains("test.csv: no digits"));
    }

    @Test
    void missingDirectoryAndFileAreNamed() {
        Path none = dir.resolve("nowhere");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Digits.load(none));
        assertTrue(e.getMessage().contains(none + ": digits data directory does not exist"), e.getMessage());
        e = assertThrows(NoSuchFileException.class, () -> Digits.load(dir));
        assertTrue(e.getMessage().contains(dir.resolve(Digits.FILE) + ": digits file missing"), e.getMessage());
    }

    @Test
    void bundledCopyHoldsTheWholeSet() throws IOException {
        Digits d = Digits.bundled();
        assertEquals(1797, d.size());
        int[] perClass = new int[Digits.CLASSES];
        for (int label : d.labels().data()) {
            perClass[label]++;
        }
        // the class counts of the scikit-learn copy
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, perClass);
        assertEquals(0, d.labels().get(0));
        // first row of the file: 0,0,5,13,9,1,0,0,...
        assertArrayEquals(new float[] {0f, 0f, 5 / 16f, 13 / 16f, 9 / 16f, 1 / 16f, 0f, 0f},
                Arrays.copyOf(d.flatImages().toArray(), 8));
    }

    @Test
    void seededSplitIsFixedAndDisjoint() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            text.append(row(i, i)).append('\n');
        }
        Digits d = parse(text.toString());
        Digits.Split a = d.split(8, 3);
        Digits.Split b = d.split(8, 3);
        assertEquals(8, a.train().size());
        assertEquals(2, a.test().size());
        assertArrayEquals(a.test().labels().data(), b.test().labels().data());
        int[] all = new int[10];
        for (int label : a.train().labels().data()) {
            all[label]++;
        }
        for (int label : a.test().labels().data()) {
            all[label]++;
        }
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, all);
        int label = a.test().labels().get(0); // its image is row(label, label)
        assertEquals(((5 + label) % 17) / 16f, a.test().flatImages().get(0, 5), 0f);
        assertNotEquals(Arrays.toString(a.train().labels().data()),
                Arrays.toString(d.split(8, 4).train().labels().data()));
        assertThrows(IllegalArgumentException.class, () -> d.split(10, 3));
    }
}
