package org.ebl4j.cli.run;

import java.io.IOException;
import java.util.Arrays;

import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * The examples of a run as rows: the first (1 − test_fraction) of them train and the rest test, each image
 * flattened to a row of rows·cols values, binarised as the configuration says ("threshold": pixel &gt; 0.5;
 * "stochastic": on with probability equal to the pixel, drawn once from a generator seeded with the run's seed, so
 * a resumed run sees the same bits).
 *
 * @param train       [N_train, D]
 * @param trainLabels labels of the training rows, or null
 * @param test        [N_test, D]
 * @param testLabels  labels of the test rows, or null
 * @param height      image rows
 * @param width       image columns (D = height · width)
 * @param description where the rows came from
 */
public record RunData(Tensor train, Indices trainLabels, Tensor test, Indices testLabels, int height, int width,
                      String description) {
    /** Loads, limits, splits and binarises the examples of {@code data}. */
    public static RunData load(RunConfig.Data data, long seed) throws IOException {
        Examples all = Examples.load(data).limit(data.limit());
        int n = all.size();
        int testCount = (int) Math.round(n * data.testFraction());
        if (testCount < 1 || testCount >= n) {
            throw new IllegalArgumentException(all.description() + ": " + n + " examples with test_fraction "
                    + data.testFraction() + " leave no training or no test set");
        }
        int trainCount = n - testCount;
        Tensor rows = all.images().contiguous().reshape(n, -1);
        Rng rng = new Rng(seed);
        Tensor train = binarize(rows.slice(0, 0, trainCount), data.binarize(), rng);
        Tensor test = binarize(rows.slice(0, trainCount, n), data.binarize(), rng);
        Indices labels = all.labels();
        return new RunData(train, labels == null ? null : Indices.of(Arrays.copyOfRange(labels.data(), 0, trainCount)),
                test, labels == null ? null : Indices.of(Arrays.copyOfRange(labels.data(), trainCount, n)),
                all.images().shape(1), all.images().shape(2), all.description() + ": " + trainCount + " training, "
                        + testCount + " test examples of " + all.images().shape(1) + "x" + all.images().shape(2)
                        + (data.binarize().equals("none") ? "" : ", binarised (" + data.binarize() + ")"));
    }

    /** The number of classes (largest label + 1), or 0 without labels. */
    public int classes() {
        if (trainLabels == null) {
            return 0;
        }
        int max = Math.max(Arrays.stream(trainLabels.data()).max().orElse(0),
                Arrays.stream(testLabels.data()).max().orElse(0));
        return max + 1;
    }

    private static Tensor binarize(Tensor pixels, String how, Rng rng) {
        return switch (how) {
            case "threshold" -> pixels.gt(Tensor.scalar(0.5f));
            case "stochastic" -> rng.bernoulli(pixels);
            default -> pixels.contiguousCopy();
        };
    }
}
