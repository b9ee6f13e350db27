package org.ebl4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Tensor;

/**
 * A set of MNIST-style digits: images [N, rows, cols] in [0, 1] and their labels 0..9 (LeCun, Bottou, Bengio &amp;
 * Haffner 1998). {@link #load} reads a directory holding {@value #IMAGES} and {@value #LABELS} (or the same names
 * without {@code .gz}), as in {@code ../shared/data/mnist-10k}, whose first 8,000 digits are the training set and
 * last 2,000 the test set ({@link #split}).
 */
public record Mnist(Tensor images, Indices labels) {
    public static final String IMAGES = "images-idx3-ubyte.gz";
    public static final String LABELS = "labels-idx1-ubyte.gz";
    /** Prefix of the standard layout's training files. */
    public static final String TRAIN = "train-";
    /** Prefix of the standard layout's test files. */
    public static final String TEST = "t10k-";
    public static final int CLASSES = 10;

    public Mnist {
        if (images.dim() != 3 || labels.shape().length != 1 || images.shape(0) != labels.numel()) {
            throw new IllegalArgumentException("Mnist: images of shape " + Arrays.toString(images.shape())
                    + " and labels of shape " + Arrays.toString(labels.shape()) + " do not pair up (need [N, rows, "
                    + "cols] and [N])");
        }
    }

    /**
     * Loads images and labels from {@code dir}: {@value #IMAGES} and {@value #LABELS} (this project's single-set
     * layout), or else the standard MNIST / Fashion-MNIST layout, {@code train-images-idx3-ubyte.gz} /
     * {@code train-labels-idx1-ubyte.gz} followed by the {@code t10k-} pair (60,000 + 10,000 there: a split at
     * 60,000 is the official one). Gzipped or not. Checks that the files exist, parse, agree in count and hold 0..9.
     */
    public static Mnist load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, Files.exists(dir) ? "MNIST data: not a directory"
                    : "MNIST data directory does not exist (expected " + IMAGES + " and " + LABELS + " in it)");
        }
        if (locate(dir, IMAGES) == null && locate(dir, TRAIN + IMAGES) != null) {
            Mnist train = pair(dir, TRAIN);
            Mnist test = pair(dir, TEST);
            int[] labels = Arrays.copyOf(train.labels.data(), train.size() + test.size());
            System.arraycopy(test.labels.data(), 0, labels, train.size(), test.size());
            return new Mnist(Tensor.cat(java.util.List.of(train.images, test.images), 0), Indices.of(labels));
        }
        return pair(dir, "");
    }

    private static Mnist pair(Path dir, String prefix) throws IOException {
        Path imageFile = find(dir, prefix + IMAGES);
        Path labelFile = find(dir, prefix + LABELS);
        Tensor images = IdxReader.readImages(imageFile);
        Indices labels = IdxReader.readLabels(labelFile);
        if (images.shape(0) != labels.numel()) {
            throw new IOException(dir + ": " + imageFile.getFileName() + " holds " + images.shape(0) + " images but "
                    + labelFile.getFileName() + " holds " + labels.numel() + " labels");
        }
        for (int i = 0; i < labels.numel(); i++) {
            if (labels.get(i) >= CLASSES) {
                throw new IOException(labelFile + ": label " + labels.get(i) + " at position " + i
                        + " is not a digit 0.." + (CLASSES - 1));
            }
        }
        return new Mnist(images, labels);
    }

    /** The file {@code name} (ending in .gz) in {@code dir}, or its uncompressed twin; null when neither exists. */
    private static Path locate(Path dir, String name) {
        for (Path p : new Path[] {dir.resolve(name), dir.resolve(name.substring(0, name.length() - ".gz".length()))}) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static Path find(Path dir, String name) throws NoSuchFileException {
        Path p = locate(dir, name);
        if (p == null) {
            throw new NoSuchFileException(dir.resolve(name).toString(), null, "MNIST file missing (also looked for "
                    + name.substring(0, name.length() - ".gz".length()) + ")");
        }
        return p;
    }

    public int size() {
        return labels.numel();
    }

    /** Digits {@code from} (inclusive) to {@code to} (exclusive), sharing the image storage. */
    public Mnist slice(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IndexOutOfBoundsException("Mnist.slice: [" + from + ", " + to + ") outside [0, " + size() + ")");
        }
        return new Mnist(images.slice(0, from, to), Indices.of(Arrays.copyOfRange(labels.data(), from, to)));
    }

    /** The first {@code trainCount} digits as training set and the rest as test set. */
    public Split split(int trainCount) {
        if (trainCount < 1 || trainCount >= size()) {
            throw new IllegalArgumentException("Mnist.split: " + trainCount + " training digits out of " + size()
                    + " leaves no training or no test set");
        }
        return new Split(slice(0, trainCount), slice(trainCount, size()));
    }

    /** Images flattened to rows [N, rows * cols], the input of a fully connected network. */
    public Tensor flatImages() {
        return images.reshape(size(), -1);
    }

    /** A training set and a test set. */
    public record Split(Mnist train, Mnist test) {
    }
}
