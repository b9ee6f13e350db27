package org.ebl4j.cli.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import org.ebl4j.data.Digits;
import org.ebl4j.data.IdxReader;
import org.ebl4j.data.Mnist;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Tensor;

/**
 * A data set as read from its source, before any split: images [N, rows, cols] with values in [0, 1] and, when the
 * source has them, labels (null otherwise).
 *
 * @param images      [N, rows, cols]
 * @param labels      N class labels, or null
 * @param description where the examples came from, for logs
 */
public record Examples(Tensor images, Indices labels, String description) {
    public Examples {
        if (labels != null && labels.numel() != images.shape(0)) {
            throw new IllegalArgumentException(description + ": " + images.shape(0) + " images but "
                    + labels.numel() + " labels");
        }
    }

    /** Reads the examples {@code data} names: MNIST-style IDX files, the 8x8 digits, or any IDX image file. */
    public static Examples load(RunConfig.Data data) throws IOException {
        switch (data.source()) {
            case "mnist" -> {
                Mnist m = Mnist.load(data.path());
                return new Examples(m.images(), m.labels(), "MNIST digits from " + data.path());
            }
            case "digits" -> {
                Digits d = data.path() == null ? Digits.bundled() : Digits.load(data.path());
                return new Examples(d.images(), d.labels(), "8x8 digits " + (data.path() == null
                        ? "(bundled copy)" : "from " + data.path()));
            }
            case "idx" -> {
                Tensor images = IdxReader.readImages(data.images());
                Indices labels = data.labels() == null ? null : IdxReader.readLabels(data.labels());
                return new Examples(images, labels, "IDX images " + data.images()
                        + (labels == null ? "" : " with labels " + data.labels()));
            }
            default -> throw new IllegalArgumentException("unknown data source '" + data.source() + "'");
        }
    }

    /**
     * The data source a command-line argument names: "digits" (the bundled 8x8 digits), a folder holding
     * MNIST-style files or digits.csv(.gz), or an IDX image file ({@code labels} optional).
     */
    public static RunConfig.Data source(String arg, Path labels) throws IOException {
        if (arg.equals("digits")) {
            return new RunConfig.Data("digits", null, null, null, Integer.MAX_VALUE, 0.2, "none");
        }
        Path p = Path.of(arg).toAbsolutePath().normalize();
        if (Files.isDirectory(p)) {
            if (Files.exists(p.resolve(Digits.FILE)) || Files.exists(p.resolve("digits.csv"))) {
                return new RunConfig.Data("digits", p, null, null, Integer.MAX_VALUE, 0.2, "none");
            }
            return new RunConfig.Data("mnist", p, null, null, Integer.MAX_VALUE, 0.2, "none");
        }
        if (!Files.exists(p)) {
            throw new NoSuchFileException(arg, null, "no such data set: give 'digits', a folder with MNIST-style "
                    + "files or digits.csv.gz, or an IDX image file");
        }
        return new RunConfig.Data("idx", null, p, labels == null ? null : labels.toAbsolutePath().normalize(),
                Integer.MAX_VALUE, 0.2, "none");
    }

    public int size() {
        return images.shape(0);
    }

    /** The first {@code n} examples (all when there are fewer). */
    public Examples limit(int n) {
        if (n >= size()) {
            return this;
        }
        return new Examples(images.slice(0, 0, n), labels == null ? null
                : Indices.of(Arrays.copyOfRange(labels.data(), 0, n)), description + ", first " + n);
    }

    /** The number of examples of each label 0..max, or null without labels. */
    public int[] labelCounts() {
        if (labels == null) {
            return null;
        }
        int[] counts = new int[Arrays.stream(labels.data()).max().orElse(-1) + 1];
        for (int l : labels.data()) {
            counts[l]++;
        }
        return counts;
    }
}
