package org.ebl4j.structured.gtn.segmentation;

import java.util.ArrayList;
import java.util.List;

import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * Heuristic over-segmentation of a line of characters (LeCun, Bottou, Bengio, Haffner 1998, §IV-V): more cut
 * points than there are characters, so that the true segmentation is very likely one path of the
 * {@link SegmentationGraph}, the recogniser and the graph deciding which. A column is ink when one of its pixels
 * reaches {@code threshold}; the vertical ink projection is P(x) = Σ_y image[y, x]. Cuts are
 * <ul>
 *   <li>the two ends of the image, and the middle of every run of blank columns between two ink runs;</li>
 *   <li>inside an ink run, the boundaries b between columns b − 1 and b where P(b − 1) + P(b) is lowest within
 *       {@code radius} boundaries either side (the first on ties), at least {@code minPiece} columns from the
 *       run's ends: where touching characters meet, the projection dips;</li>
 *   <li>evenly spaced extra cuts in any stretch between two cuts whose ink is wider than {@code maxWidth}.</li>
 * </ul>
 * A candidate segment is the image between any two cuts whose ink (blank columns at its ends trimmed) is at most
 * {@code maxWidth} columns wide.
 */
public final class OverSegmentation {
    private final float threshold;
    private final int maxWidth;
    private final int radius;
    private final int minPiece;

    public OverSegmentation(float threshold, int maxWidth, int radius, int minPiece) {
        if (!(threshold > 0) || maxWidth < 1 || radius < 1 || minPiece < 1) {
            throw new IllegalArgumentException("OverSegmentation: need threshold > 0 and maxWidth, radius, minPiece "
                    + ">= 1, got threshold=" + threshold + ", maxWidth=" + maxWidth + ", radius=" + radius
                    + ", minPiece=" + minPiece);
        }
        this.threshold = threshold;
        this.maxWidth = maxWidth;
        this.radius = radius;
        this.minPiece = minPiece;
    }

    /** The segmentation graph of an image of shape [height, width] (IllegalArgumentException if it has no ink). */
    public SegmentationGraph segment(Tensor image) {
        if (image == null || image.dim() != 2) {
            throw new IllegalArgumentException("OverSegmentation: image must have shape [height, width], got "
                    + (image == null ? "null" : Shape.str(image.shape())));
        }
        return segment(image.toArray(), image.shape(0), image.shape(1));
    }

    /** The segmentation graph of a row-major [height, width] image (not copied). */
    public SegmentationGraph segment(float[] image, int height, int width) {
        if (height < 1 || width < 1 || image.length != height * width) {
            throw new IllegalArgumentException("OverSegmentation: image of " + image.length + " pixels is not "
                    + height + "x" + width);
        }
        boolean[] ink = new boolean[width];
        double[] projection = new double[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float v = image[y * width + x];
                projection[x] += v;
                ink[x] |= v >= threshold;
            }
        }
        List<Integer> cuts = new ArrayList<>();
        cuts.add(0);
        int previousEnd = -1;
        for (int x = 0; x < width; ) {
            if (!ink[x]) {
                x++;
                continue;
            }
            int start = x;
            while (x < width && ink[x]) {
                x++;
            }
            if (previousEnd >= 0) {
                cuts.add((previousEnd + start) / 2);
            }
            for (int b = start + minPiece; b <= x - minPiece; b++) {
                if (isDip(projection, b, start, x)) {
                    cuts.add(b);
                }
            }
            previousEnd = x;
        }
        if (previousEnd < 0) {
            throw new IllegalArgumentException("OverSegmentation: the " + height + "x" + width + " image has no ink "
                    + "(no pixel >= " + threshold + ")");
        }
        cuts.add(width);
        int[] c = splitWide(cuts, ink);
        return new SegmentationGraph(image, height, width, c, segments(c, ink));
    }

    /** Whether boundary b (inside the ink run [start, end)) has the lowest P(b − 1) + P(b) within the radius. */
    private boolean isDip(double[] p, int b, int start, int end) {
        double v = p[b - 1] + p[b];
        for (int q = Math.max(start + 1, b - radius); q <= Math.min(end - 1, b + radius); q++) {
            double u = p[q - 1] + p[q];
            if (q < b ? u <= v : u < v) {
                return false;
            }
        }
        return true;
    }

    /** The cuts, with even extra cuts between two cuts whose ink is wider than maxWidth. */
    private int[] splitWide(List<Integer> cuts, boolean[] ink) {
        List<Integer> out = new ArrayList<>();
        out.add(cuts.get(0));
        for (int k = 1; k < cuts.size(); k++) {
            int[] span = inkSpan(ink, cuts.get(k - 1), cuts.get(k));
            if (span != null && span[1] - span[0] > maxWidth) {
                int pieces = (span[1] - span[0] + maxWidth - 1) / maxWidth;
                for (int i = 1; i < pieces; i++) {
                    out.add(span[0] + (int) ((long) i * (span[1] - span[0]) / pieces));
                }
            }
            out.add(cuts.get(k));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Every stretch between two cuts whose ink is non-empty and at most maxWidth wide. */
    private List<Segment> segments(int[] cuts, boolean[] ink) {
        List<Segment> out = new ArrayList<>();
        for (int i = 0; i + 1 < cuts.length; i++) {
            for (int j = i + 1; j < cuts.length; j++) {
                int[] span = inkSpan(ink, cuts[i], cuts[j]);
                if (span == null) {
                    continue;
                }
                if (span[1] - span[0] > maxWidth) {
                    break;
                }
                out.add(new Segment(i, j, span[0], span[1]));
            }
        }
        return out;
    }

    /** [first, last + 1) of the ink columns in [from, to), or null when there are none. */
    private static int[] inkSpan(boolean[] ink, int from, int to) {
        int a = from;
        while (a < to && !ink[a]) {
            a++;
        }
        if (a == to) {
            return null;
        }
        int b = to;
        while (!ink[b - 1]) {
            b--;
        }
        return new int[] {a, b};
    }

    /**
     * The ink columns [x0, x1) of a row-major [height, width] image, or null if it has none: how an isolated
     * character is cut out before {@link SegmentationGraph#centre}, the same way as a segment.
     */
    public int[] inkColumns(float[] image, int height, int width) {
        boolean[] ink = new boolean[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                ink[x] |= image[y * width + x] >= threshold;
            }
        }
        return inkSpan(ink, 0, width);
    }
}
