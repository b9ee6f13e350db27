package org.ebl4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * The 8x8 handwritten digits of the UCI "Optical Recognition of Handwritten Digits" set (Alpaydin &amp; Kaynak
 * 1998; the 1,797-digit copy distributed with scikit-learn): 32x32 bitmaps counted in 4x4 blocks, so each pixel is
 * an integer 0..16. Images are [N, 8, 8] floats in [0, 1] (count / 16), labels 0..9.
 *
 * <p>The file {@value #FILE} (or {@code digits.csv}, uncompressed) holds one digit per line: the 64 pixel counts
 * row by row, then the label, separated by commas. {@link #load} reads it from a directory such as
 * {@code ../shared/data/digits-8x8}; {@link #bundled} reads the copy inside this jar (BSD-3, see the README next
 * to it). Every malformed row is reported with the source and the line number.
 */
public record Digits(Tensor images, Indices labels) {
    public static final String FILE = "digits.csv.gz";
    public static final int SIDE = 8;
    public static final int PIXELS = SIDE * SIDE;
    public static final int MAX_COUNT = 16;
    public static final int CLASSES = 10;
    private static final String RESOURCE = "/org/ebl4j/data/digits-8x8/" + FILE;

    public Digits {
        if (images.dim() != 3 || images.shape(1) != SIDE || images.shape(2) != SIDE || labels.shape().length != 1
                || images.shape(0) != labels.numel()) {
            throw new IllegalArgumentException("Digits: images of shape " + Arrays.toString(images.shape())
                    + " and labels of shape " + Arrays.toString(labels.shape()) + " do not pair up (need [N, 8, 8] "
                    + "and [N])");
        }
    }

    /** Reads {@value #FILE} (or {@code digits.csv}) from {@code dir}. */
    public static Digits load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, Files.exists(dir) ? "digits data: not a directory"
                    : "digits data directory does not exist (expected " + FILE + " in it)");
        }
        Path gz = dir.resolve(FILE);
        Path plain = dir.resolve("digits.csv");
        if (Files.isRegularFile(gz)) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
                return read(in, gz.toString());
            }
        }
        if (Files.isRegularFile(plain)) {
            try (InputStream in = Files.newInputStream(plain)) {
                return read(in, plain.toString());
            }
        }
        throw new NoSuchFileException(gz.toString(), null, "digits file missing (also looked for "
                + plain.getFileName() + ")");
    }

    /** The copy of the 1,797 digits bundled in this jar. */
    public static Digits bundled() throws IOException {
        InputStream raw = Digits.class.getResourceAsStream(RESOURCE);
        if (raw == null) {
            throw new NoSuchFileException(RESOURCE, null, "bundled digits missing from the class path");
        }
        try (InputStream in = new GZIPInputStream(raw)) {
            return read(in, "bundled " + FILE);
        }
    }

    /**
     * Parses the CSV text of {@code in}; {@code source} names it in errors. Blank lines are skipped; any other line
     * must hold 65 integers: 64 pixel counts in [0, 16] and a label in [0, 9].
     */
    public static Digits read(InputStream in, String source) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        float[] pixels = new float[PIXELS * 2048];
        int[] labels = new int[2048];
        int n = 0;
        int lineNo = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != PIXELS + 1) {
                throw new IOException(source + ": line " + lineNo + ": expected " + (PIXELS + 1)
                        + " comma-separated values (64 pixels, then the label), found " + fields.length);
            }
            if (n == labels.length) {
                labels = Arrays.copyOf(labels, 2 * n);
                pixels = Arrays.copyOf(pixels, 2 * n * PIXELS);
            }
            for (int p = 0; p < PIXELS; p++) {
                pixels[n * PIXELS + p] = integer(fields[p], 0, MAX_COUNT, source, lineNo, "pixel " + p)
                        / (float) MAX_COUNT;
            }
            labels[n] = integer(fields[PIXELS], 0, CLASSES - 1, source, lineNo, "label");
            n++;
        }
        if (n == 0) {
            throw new IOException(source + ": no digits (the file is empty)");
        }
        return new Digits(Tensor.of(Arrays.copyOf(pixels, n * PIXELS), n, SIDE, SIDE),
                Indices.of(Arrays.copyOf(labels, n)));
    }

    private static int integer(String field, int lo, int hi, String source, int lineNo, String what)
            throws IOException {
        String s = field.strip();
        int v;
        try {
            v = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IOException(source + ": line " + lineNo + ": " + what + " is '" + s + "', not an integer");
        }
        if (v < lo || v > hi) {
            throw new IOException(source + ": line " + lineNo + ": " + what + " is " + v + ", outside " + lo + ".."
                    + hi);
        }
        return v;
    }

    public int size() {
        return labels.numel();
    }

    /** Images flattened to rows [N, 64], the input of a fully connected network. */
    public Tensor flatImages() {
        return images.reshape(size(), PIXELS);
    }

    /** The digits in the order of {@code rows} (a copy). */
    public Digits select(int[] rows) {
        int[] picked = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= size()) {
                throw new IndexOutOfBoundsException("Digits.select: row " + rows[i] + " outside [0, " + size() + ")");
            }
            picked[i] = labels.get(rows[i]);
        }
        return new Digits(images.indexSelect(Indices.of(rows)), Indices.of(picked));
    }

    /**
     * A fixed random split: the digits are shuffled by a permutation drawn from {@code new Rng(seed)}, the first
     * {@code trainCount} train and the rest test. The same seed gives the same split.
     */
    public Split split(int trainCount, long seed) {
        if (trainCount < 1 || trainCount >= size()) {
            throw new IllegalArgumentException("Digits.split: " + trainCount + " training digits out of " + size()
                    + " leaves no training or no test set (need 1.." + (size() - 1) + ")");
        }
        int[] order = new Rng(seed).permutation(size());
        return new Split(select(Arrays.copyOfRange(order, 0, trainCount)),
                select(Arrays.copyOfRange(order, trainCount, size())));
    }

    /** A training set and a test set. */
    public record Split(Digits train, Digits test) {
    }
}
