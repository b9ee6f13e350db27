package org.ebl4j.cli.example;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.cli.plot.Grid;
import org.ebl4j.cli.plot.HeatMap;
import org.ebl4j.cli.plot.Mosaic;
import org.ebl4j.data.Mnist;
import org.ebl4j.nn.Conv2d;
import org.ebl4j.nn.Layer;
import org.ebl4j.nn.Linear;
import org.ebl4j.nn.MaxPool2d;
import org.ebl4j.nn.ReLU;
import org.ebl4j.nn.Sequential;
import org.ebl4j.optim.Adam;
import org.ebl4j.structured.gtn.Graph;
import org.ebl4j.structured.gtn.segmentation.DiscriminativeCriterion;
import org.ebl4j.structured.gtn.segmentation.OverSegmentation;
import org.ebl4j.structured.gtn.segmentation.Reading;
import org.ebl4j.structured.gtn.segmentation.Segment;
import org.ebl4j.structured.gtn.segmentation.SegmentationGraph;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * A digit-string recogniser in the spirit of the check reader of LeCun, Bottou, Bengio &amp; Haffner (1998, §IV-VI):
 * strings of handwritten digits written side by side are over-segmented by a heuristic ({@link OverSegmentation}),
 * every candidate segment is centred on a square canvas and scored by a convolutional network, and the
 * segmentation graph with those energies is the interpretation graph, in which the segmentation is a latent
 * variable. The network's 11 outputs are −log softmax over the 10 digits and a "none of them" (garbage) class; the
 * interpretation graph uses the 10 digit energies, so a segment that is no digit can be given high energy for
 * every label. Reading a string is the best path of the interpretation graph.
 *
 * <p>The network is first trained on isolated digits (cut out and centred like segments, shifted at random by up
 * to {@value #SHIFT} pixels along each axis; the garbage class is never a target there), then the whole system is
 * trained globally on strings with a {@link DiscriminativeCriterion} through the graph (discriminative forward
 * training by default: the NLL of the label string with the segmentation marginalised), by Adam with the learning
 * rate times {@value #DECAY} after each epoch, on fresh training strings every epoch. The string accuracy of the
 * pre-trained network on the same graph is the reference: on isolated digits it never saw a piece of a digit or
 * two digits together, which global training learns to reject.
 *
 * <p>Strings ({@link #compose}): 3 to 6 digits, each cut to its ink columns, side by side with random gaps of 0 to
 * maxGap blank columns (0: touching) and a margin of {@value #MARGIN} columns. Seeds, from the {@link Config}'s s:
 * training strings from Rng(s + 1), test strings from Rng(s + 2), network initialisation from Rng(s), shuffling
 * and shifts from Rng(s + 3).
 */
final class DigitStrings {
    /** Ink threshold of a pixel in [0, 1]. */
    static final float INK = 0.1f;
    /** Blank columns at each end of a string. */
    static final int MARGIN = 2;
    /** Outputs of the network: the 10 digits and a garbage class. */
    static final int OUTPUTS = Mnist.CLASSES + 1;
    /** Strings shown in the figure. */
    static final int SHOWN = 6;
    /** Isolated digits per pre-training step. */
    static final int PRETRAIN_BATCH = 64;
    /** Largest shift, in pixels along each axis, of an isolated digit in pre-training (augmentation). */
    static final int SHIFT = 2;
    /** Factor of the global learning rate from one epoch to the next. */
    static final double DECAY = 0.7;
    /** Strings per forward pass when reading. */
    static final int READ_BATCH = 32;

    private DigitStrings() {
    }

    /** Settings; the constructor rejects values out of range with a message naming the option. */
    record Config(long seed, int trainStrings, int testStrings, int minLength, int maxLength, int maxGap,
            int pretrainEpochs, int epochs, double pretrainLr, double lr, int batch,
            DiscriminativeCriterion criterion) {
        Config {
            if (trainStrings < 1 || testStrings < 1 || pretrainEpochs < 0 || epochs < 0 || batch < 1) {
                throw new IllegalArgumentException("need --train-strings, --test-strings, --batch >= 1 and "
                        + "--pretrain-epochs, --epochs >= 0; got " + trainStrings + ", " + testStrings + ", " + batch
                        + ", " + pretrainEpochs + ", " + epochs);
            }
            if (minLength < 1 || maxLength < minLength || maxGap < 0) {
                throw new IllegalArgumentException("need 1 <= --min-length <= --max-length and --max-gap >= 0, got "
                        + minLength + ", " + maxLength + ", " + maxGap);
            }
            if (!(pretrainLr > 0) || !(lr > 0)) {
                throw new IllegalArgumentException("--pretrain-lr and --lr must be > 0, got " + pretrainLr + " and "
                        + lr);
            }
        }
    }

    /**
     * A string image, row-major [height, width] in [0, 1], its digits, and the ink columns [starts[k], ends[k]) of
     * digit k.
     */
    record DigitString(float[] image, int height, int width, int[] labels, int[] starts, int[] ends) {
        String text() {
            return digits(labels);
        }
    }

    /** A string with its over-segmentation. */
    record Sample(DigitString string, SegmentationGraph graph) {
    }

    /**
     * What a run measured: string accuracies of the pre-trained and globally trained recogniser, isolated-digit
     * accuracy of both, the over-segmentation's recall (strings where every true boundary is within a column of a
     * cut) and size, the training loss per epoch, and readings of the first test strings by both for the figure.
     */
    record Result(double stringAccuracyPretrained, double stringAccuracy, double digitAccuracyPretrained,
            double digitAccuracy, List<Double> lossPerEpoch, List<Double> accuracyPerEpoch, double recall,
            double segmentsPerString, List<Sample> shown, List<Reading> readingsPretrained, List<Reading> readings,
            float[] prototypes, int side,
            int trainStrings, int testStrings, int skipped, double seconds) {
    }

    /** Progress of the two training phases. */
    interface Listener {
        void pretrained(int epoch, double loss, double digitAccuracy);

        void epoch(int epoch, double loss, double stringAccuracy, int skipped);
    }

    /**
     * The recogniser: LeNet-style convolutions (5×5, 8 maps, 2×2 max pooling, 5×5, 16 maps, pooling), a hidden
     * layer of 128 ReLU units and 11 outputs; its energies are −log softmax of the outputs.
     */
    static final class Recogniser extends Layer {
        private final Sequential features;
        private final Sequential classifier;
        private final int flat;

        Recogniser(int side, Rng rng) {
            int pooled = ((side - 4) / 2 - 4) / 2;
            if (pooled < 1) {
                throw new IllegalArgumentException("digit-strings: digit images must be at least 16 pixels high, got "
                        + side);
            }
            flat = 16 * pooled * pooled;
            features = child("features", new Sequential(new Conv2d(1, 8, 5, 1, 0, rng), new ReLU(),
                    new MaxPool2d(2), new Conv2d(8, 16, 5, 1, 0, rng), new ReLU(), new MaxPool2d(2)));
            classifier = child("classifier", new Sequential(new Linear(flat, 128, rng), new ReLU(),
                    new Linear(128, OUTPUTS, rng)));
        }

        /** Images [N, 1, side, side] → energies [N, 11]. */
        @Override
        public Tensor forward(Tensor x) {
            Tensor h = features.forward(x);
            return classifier.forward(h.reshape(h.shape(0), flat)).logSoftmax(1).neg();
        }
    }

    /** The over-segmentation used for digits {@code side} pixels high: segments up to side columns wide. */
    static OverSegmentation overSegmentation(int side) {
        return new OverSegmentation(INK, side, 2, 2);
    }

    /**
     * {@code count} strings of minLength..maxLength digits of {@code digits}, taken in a random order (each digit
     * once before any twice), with gaps of 0..maxGap columns.
     */
    static List<DigitString> compose(Mnist digits, int count, int minLength, int maxLength, int maxGap, Rng rng) {
        int n = digits.size();
        int h = digits.images().shape(1);
        int w = digits.images().shape(2);
        float[] pixels = digits.images().contiguous().toArray();
        OverSegmentation seg = overSegmentation(h);
        int[] order = rng.permutation(n);
        int next = 0;
        List<DigitString> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            int length = minLength + rng.nextInt(maxLength - minLength + 1);
            int[] index = new int[length];
            int[][] ink = new int[length][];
            int[] gaps = new int[length];
            int width = 2 * MARGIN;
            for (int k = 0; k < length; k++) {
                do {
                    if (next == n) {
                        order = rng.permutation(n);
                        next = 0;
                    }
                    index[k] = order[next++];
                    ink[k] = seg.inkColumns(Arrays.copyOfRange(pixels, index[k] * h * w, (index[k] + 1) * h * w), h, w);
                } while (ink[k] == null);
                gaps[k] = k == 0 ? 0 : rng.nextInt(maxGap + 1);
                width += gaps[k] + ink[k][1] - ink[k][0];
            }
            float[] image = new float[h * width];
            int[] labels = new int[length];
            int[] starts = new int[length];
            int[] ends = new int[length];
            int x = MARGIN;
            for (int k = 0; k < length; k++) {
                x += gaps[k];
                int cols = ink[k][1] - ink[k][0];
                for (int y = 0; y < h; y++) {
                    System.arraycopy(pixels, index[k] * h * w + y * w + ink[k][0], image, y * width + x, cols);
                }
                labels[k] = digits.labels().get(index[k]);
                starts[k] = x;
                ends[k] = x + cols;
                x += cols;
            }
            out.add(new DigitString(image, h, width, labels, starts, ends));
        }
        return out;
    }

    /** Isolated digits cut to their ink columns and centred on a square canvas like segments: [N, 1, h, h]. */
    static Tensor isolated(Mnist digits) {
        int n = digits.size();
        int h = digits.images().shape(1);
        int w = digits.images().shape(2);
        float[] pixels = digits.images().contiguous().toArray();
        OverSegmentation seg = overSegmentation(h);
        float[] out = new float[n * h * h];
        for (int i = 0; i < n; i++) {
            float[] img = Arrays.copyOfRange(pixels, i * h * w, (i + 1) * h * w);
            int[] ink = seg.inkColumns(img, h, w);
            if (ink != null) {
                SegmentationGraph.centre(img, h, w, ink[0], ink[1], h, out, i * h * h);
            }
        }
        return Tensor.of(out, n, 1, h, h);
    }

    /** Composes the strings, pre-trains on isolated digits, trains globally on strings, and scores both. */
    static Result run(Mnist.Split data, Config c, Listener listener) {
        long start = System.nanoTime();
        int side = data.train().images().shape(1);
        if (data.train().images().shape(2) > side) {
            throw new IllegalArgumentException("digit-strings: digit images must be at most as wide as high, got "
                    + data.train().images().shape(1) + "x" + data.train().images().shape(2));
        }
        OverSegmentation seg = overSegmentation(side);
        Rng trainRng = new Rng(c.seed() + 1);
        List<Sample> test = samples(compose(data.test(), c.testStrings(), c.minLength(), c.maxLength(), c.maxGap(),
                new Rng(c.seed() + 2)), seg);
        Recogniser net = new Recogniser(side, new Rng(c.seed()));
        Rng shuffle = new Rng(c.seed() + 3);
        Tensor trainDigits = isolated(data.train());
        Tensor testDigits = isolated(data.test());
        Adam pre = new Adam(net.parameters(), c.pretrainLr());
        for (int e = 1; e <= c.pretrainEpochs(); e++) {
            double loss = pretrainEpoch(net, pre, trainDigits, data.train().labels(), PRETRAIN_BATCH, shuffle);
            listener.pretrained(e, loss, digitAccuracy(net, testDigits, data.test().labels()));
        }
        double digitPre = digitAccuracy(net, testDigits, data.test().labels());
        double stringPre = stringAccuracy(net, test, side, null);
        List<Sample> shown = test.subList(0, Math.min(SHOWN, test.size()));
        List<Reading> readingsPre = new ArrayList<>();
        stringAccuracy(net, shown, side, readingsPre);
        Adam opt = new Adam(net.parameters(), c.lr());
        List<Double> losses = new ArrayList<>();
        List<Double> accuracies = new ArrayList<>();
        int skipped = 0;
        for (int e = 1; e <= c.epochs(); e++) {
            List<Sample> train = samples(compose(data.train(), c.trainStrings(), c.minLength(), c.maxLength(),
                    c.maxGap(), trainRng), seg);
            opt.setLearningRate(c.lr() * Math.pow(DECAY, e - 1));
            int[] order = shuffle.permutation(train.size());
            double total = 0;
            skipped = 0;
            for (int b = 0; b < order.length; b += c.batch()) {
                List<Sample> batch = new ArrayList<>();
                for (int i = b; i < Math.min(order.length, b + c.batch()); i++) {
                    batch.add(train.get(order[i]));
                }
                double[] step = globalStep(net, opt, batch, side, c.criterion());
                total += step[0];
                skipped += (int) step[1];
            }
            losses.add(total / Math.max(1, train.size() - skipped));
            accuracies.add(stringAccuracy(net, test, side, null));
            listener.epoch(e, losses.get(losses.size() - 1), accuracies.get(accuracies.size() - 1), skipped);
        }
        List<Reading> readings = new ArrayList<>();
        double stringAcc = c.epochs() == 0 ? stringPre : accuracies.get(accuracies.size() - 1);
        stringAccuracy(net, shown, side, readings);
        double recall = 0;
        double segments = 0;
        for (Sample s : test) {
            recall += covered(s) ? 1 : 0;
            segments += s.graph().segments().size();
        }
        return new Result(stringPre, stringAcc, digitPre, digitAccuracy(net, testDigits, data.test().labels()),
                losses, accuracies, recall / test.size(), segments / test.size(), shown, readingsPre, readings,
                prototypes(trainDigits, data.train().labels(), side), side, c.trainStrings(), test.size(), skipped,
                (System.nanoTime() - start) / 1e9);
    }

    private static List<Sample> samples(List<DigitString> strings, OverSegmentation seg) {
        List<Sample> out = new ArrayList<>();
        for (DigitString s : strings) {
            out.add(new Sample(s, seg.segment(s.image(), s.height(), s.width())));
        }
        return out;
    }

    /**
     * One pass of NLL training on isolated digits in mini-batches of {@code batch}, each digit shifted by up to
     * {@value #SHIFT} pixels along each axis; the mean loss.
     */
    private static double pretrainEpoch(Recogniser net, Adam opt, Tensor x, Indices y, int batch, Rng rng) {
        int n = x.shape(0);
        int h = x.shape(2);
        int w = x.shape(3);
        int pixels = h * w;
        float[] all = x.toArray();
        int[] order = rng.permutation(n);
        double total = 0;
        for (int b = 0; b < n; b += batch) {
            int m = Math.min(batch, n - b);
            float[] xb = new float[m * pixels];
            int[] yb = new int[m];
            for (int i = 0; i < m; i++) {
                shifted(all, order[b + i] * pixels, h, w, rng.nextInt(2 * SHIFT + 1) - SHIFT,
                        rng.nextInt(2 * SHIFT + 1) - SHIFT, xb, i * pixels);
                yb[i] = y.get(order[b + i]);
            }
            opt.zeroGrad();
            Tensor loss = net.forward(Tensor.of(xb, m, 1, h, w))
                    .mul(Tensor.oneHot(Indices.of(yb), OUTPUTS)).sum().div(m);
            loss.backward();
            opt.step();
            total += loss.item() * m;
        }
        return total / n;
    }

    /** Image [h, w] at {@code from} of {@code src} moved by (dx, dy), zeros shifted in, into {@code dst} at {@code to}. */
    private static void shifted(float[] src, int from, int h, int w, int dx, int dy, float[] dst, int to) {
        Arrays.fill(dst, to, to + h * w, 0f);
        int x0 = Math.max(0, dx);
        int x1 = Math.min(w, w + dx);
        for (int y = Math.max(0, dy); y < Math.min(h, h + dy); y++) {
            System.arraycopy(src, from + (y - dy) * w + x0 - dx, dst, to + y * w + x0, x1 - x0);
        }
    }

    /**
     * One step of global training on a batch of strings: one forward pass of every segment of every string, the
     * criterion through each string's interpretation graph, the mean over the strings whose labels have a path.
     * Returns {summed loss, strings skipped}.
     */
    private static double[] globalStep(Recogniser net, Adam opt, List<Sample> batch, int side,
            DiscriminativeCriterion criterion) {
        opt.zeroGrad();
        Tensor energies = net.forward(crops(batch, side)).slice(1, 0, Mnist.CLASSES);
        Tensor total = null;
        int used = 0;
        int offset = 0;
        for (Sample s : batch) {
            int n = s.graph().segments().size();
            Graph g = s.graph().interpretation(energies.slice(0, offset, offset + n));
            offset += n;
            Tensor loss = criterion.loss(g, s.string().labels());
            if (Float.isInfinite(loss.item())) {
                continue;
            }
            total = total == null ? loss : total.add(loss);
            used++;
        }
        if (total == null) {
            return new double[] {0, batch.size()};
        }
        double sum = total.item();
        total.div(used).backward();
        opt.step();
        return new double[] {sum, batch.size() - used};
    }

    /** The segment crops of several strings, one after the other: [Σ segments, 1, side, side]. */
    private static Tensor crops(List<Sample> batch, int side) {
        List<Tensor> parts = new ArrayList<>();
        for (Sample s : batch) {
            parts.add(s.graph().crops(side));
        }
        return parts.size() == 1 ? parts.get(0) : Tensor.cat(parts, 0);
    }

    /** Fraction of test digits whose lowest-energy digit is the label. */
    static double digitAccuracy(Recogniser net, Tensor x, Indices y) {
        int n = x.shape(0);
        int right = 0;
        try (var s = Autodiff.noGrad()) {
            for (int b = 0; b < n; b += 500) {
                int m = Math.min(500, n - b);
                float[] e = net.forward(x.slice(0, b, b + m)).toArray();
                for (int i = 0; i < m; i++) {
                    right += argmin(e, i * OUTPUTS, Mnist.CLASSES) == y.get(b + i) ? 1 : 0;
                }
            }
        }
        return (double) right / n;
    }

    /** Fraction of strings read exactly (best path of the interpretation graph); readings added to the list. */
    static double stringAccuracy(Recogniser net, List<Sample> strings, int side, List<Reading> readings) {
        int right = 0;
        try (var s = Autodiff.noGrad()) {
            for (int b = 0; b < strings.size(); b += READ_BATCH) {
                List<Sample> part = strings.subList(b, Math.min(strings.size(), b + READ_BATCH));
                Tensor energies = net.forward(crops(part, side)).slice(1, 0, Mnist.CLASSES);
                int offset = 0;
                for (Sample sample : part) {
                    int n = sample.graph().segments().size();
                    Reading r = sample.graph().read(sample.graph().interpretation(
                            energies.slice(0, offset, offset + n)));
                    offset += n;
                    right += Arrays.equals(r.labels(), sample.string().labels()) ? 1 : 0;
                    if (readings != null) {
                        readings.add(r);
                    }
                }
            }
        }
        return (double) right / strings.size();
    }

    /** Whether every boundary between two digits of the string lies within one column of a cut. */
    static boolean covered(Sample s) {
        int[] cuts = s.graph().cuts();
        DigitString d = s.string();
        for (int k = 0; k + 1 < d.labels().length; k++) {
            boolean found = false;
            for (int c : cuts) {
                found |= c >= d.ends()[k] - 1 && c <= d.starts()[k + 1] + 1;
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private static int argmin(float[] v, int from, int count) {
        int best = 0;
        for (int k = 1; k < count; k++) {
            if (v[from + k] < v[from + best]) {
                best = k;
            }
        }
        return best;
    }

    static String digits(int[] labels) {
        StringBuilder sb = new StringBuilder();
        for (int l : labels) {
            sb.append(l);
        }
        return sb.toString();
    }

    /** The mean centred training image of each digit, [10 × side × side], to draw the labels read. */
    private static float[] prototypes(Tensor x, Indices y, int side) {
        float[] all = x.toArray();
        int pixels = side * side;
        float[] sum = new float[Mnist.CLASSES * pixels];
        int[] count = new int[Mnist.CLASSES];
        for (int i = 0; i < y.numel(); i++) {
            count[y.get(i)]++;
            for (int p = 0; p < pixels; p++) {
                sum[y.get(i) * pixels + p] += all[i * pixels + p];
            }
        }
        for (int c = 0; c < Mnist.CLASSES; c++) {
            for (int p = 0; p < pixels; p++) {
                sum[c * pixels + p] /= Math.max(1, count[c]);
            }
        }
        return sum;
    }

    /**
     * The figure: the first test strings, one per row, read by the pre-trained recogniser (left) and the globally
     * trained one (right); in each panel the string on top with the cuts of its best path as red lines, and below,
     * under each segment of that path, the mean training image of the digit read there. Panel names (metadata)
     * give the true and the read string.
     */
    static void writeFigure(Result r, Path png) throws IOException {
        int cols = 0;
        for (Sample s : r.shown()) {
            cols = Math.max(cols, s.string().width());
        }
        Mosaic mosaic = new Mosaic(2, 6).titled();
        for (int i = 0; i < r.shown().size(); i++) {
            Sample s = r.shown().get(i);
            for (boolean trained : new boolean[] {false, true}) {
                Reading reading = (trained ? r.readings() : r.readingsPretrained()).get(i);
                mosaic.add("truth " + s.string().text() + (trained ? " trained" : " pre-trained") + " read "
                        + digits(reading.labels()), panel(s, reading, r.prototypes(), r.side(), cols));
            }
        }
        mosaic.write(png, Map.of("title", "digit strings read by the pre-trained (left) and the globally trained "
                + "(right) recogniser: cuts of the best path (red) and the mean image of each digit read (below)"));
    }

    /** One panel of {@link #writeFigure}, {@code cols} columns wide. */
    private static BufferedImage panel(Sample s, Reading reading, float[] prototypes, int side, int cols) {
        int rows = 2 * side + 2;
        DigitString d = s.string();
        float[] v = new float[rows * cols];
        // grid row 0 is the bottom: the string occupies the top side rows, the digits read the bottom ones
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < d.width(); x++) {
                v[(rows - 1 - y) * cols + x] = d.image()[y * d.width() + x];
            }
        }
        List<double[][]> lines = new ArrayList<>();
        int[] cuts = s.graph().cuts();
        for (int k = 0; k < reading.labels().length; k++) {
            Segment seg = s.graph().segments().get(reading.segments()[k]);
            int left = (seg.x0() + seg.x1()) / 2 - side / 2;
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int col = left + x;
                    if (col >= 0 && col < cols) {
                        int at = (side - 1 - y) * cols + col;
                        v[at] = Math.max(v[at], prototypes[(reading.labels()[k] * side + y) * side + x]);
                    }
                }
            }
            for (int cut : new int[] {cuts[seg.from()], cuts[seg.to()]}) {
                lines.add(new double[][] {{cut - 0.5, cut - 0.5}, {side + 2, rows - 1}});
            }
        }
        HeatMap map = new HeatMap(new Grid(v, rows, cols, 0, cols - 1, 0, rows - 1), 3).greyscale().valueRange(0, 1);
        for (double[][] line : lines) {
            map.curve(line[0], line[1]);
        }
        return map.render();
    }
}
