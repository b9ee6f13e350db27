package org.ebl4j.structured.gtn.segmentation;

import java.util.Arrays;
import java.util.List;

import org.ebl4j.structured.gtn.Graph;
import org.ebl4j.structured.gtn.GraphBuilder;
import org.ebl4j.structured.gtn.ViterbiPath;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * The segmentation graph of an image (LeCun, Bottou, Bengio, Haffner 1998, §IV-V, "heuristic over-segmentation"):
 * states are candidate cut points {@code cuts[0] = 0 < … < cuts[n − 1] = width}, and each candidate segment
 * (the image between two cuts) is an arc {@code from → to}; every path from the first to the last cut is one way of
 * splitting the image into characters, so the segmentation is a latent variable summed (or minimised) over paths.
 *
 * <p>The recognition transformer turns it into the <em>interpretation graph</em> ({@link #interpretation}): each
 * segment arc is replaced by one arc per class c with the energy E[s, c] a character recogniser gives segment s for
 * class c. Those arcs are written as a transducer class:segment, so that composing a label string's chain
 * ({@link Graph#chain}) with it keeps the paths that read that string, and the best path ({@link #read}) says which
 * segment each label came from. Segments are cut out of the image and centred on a fixed-width canvas by
 * {@link #crops}, the recogniser's input.
 */
public final class SegmentationGraph {
    private final float[] image;
    private final int height;
    private final int width;
    private final int[] cuts;
    private final List<Segment> segments;

    /**
     * The graph of {@code image} (row-major [height, width]) with the given cuts (strictly increasing, from 0 to
     * width) and segments (between those cuts, with ink columns inside the image).
     */
    public SegmentationGraph(float[] image, int height, int width, int[] cuts, List<Segment> segments) {
        if (height < 1 || width < 1 || image.length != height * width) {
            throw new IllegalArgumentException("SegmentationGraph: image of " + image.length + " pixels is not "
                    + height + "x" + width);
        }
        if (cuts.length < 2 || cuts[0] != 0 || cuts[cuts.length - 1] != width) {
            throw new IllegalArgumentException("SegmentationGraph: cuts must run from 0 to the width " + width
                    + ", got " + Arrays.toString(cuts));
        }
        for (int k = 1; k < cuts.length; k++) {
            if (cuts[k] <= cuts[k - 1]) {
                throw new IllegalArgumentException("SegmentationGraph: cuts must increase, got "
                        + Arrays.toString(cuts));
            }
        }
        for (Segment s : segments) {
            if (s.to() >= cuts.length || s.x0() < cuts[s.from()] || s.x1() > cuts[s.to()]) {
                throw new IllegalArgumentException("SegmentationGraph: " + s + " lies outside cuts "
                        + Arrays.toString(cuts));
            }
        }
        this.image = image;
        this.height = height;
        this.width = width;
        this.cuts = cuts;
        this.segments = List.copyOf(segments);
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** The image, row-major [height, width] (not copied). */
    public float[] image() {
        return image;
    }

    /** The cut columns, the states of the graph (a copy). */
    public int[] cuts() {
        return cuts.clone();
    }

    /** The candidate segments, the arcs of the graph, in order of their first cut then their last. */
    public List<Segment> segments() {
        return segments;
    }

    /**
     * The interpretation graph for segment energies {@code energies} [segments, classes]: states are the cuts (the
     * first the start, the last the accept state), and segment s gets one arc per class c reading c and writing s,
     * with energy energies[s, c]; arc s·classes + c is entry (s, c), so gradients of any graph score reach
     * {@code energies}.
     */
    public Graph interpretation(Tensor energies) {
        if (energies == null || energies.dim() != 2 || energies.shape(0) != segments.size() || energies.shape(1) < 1) {
            throw new IllegalArgumentException("SegmentationGraph.interpretation: energies must have shape ["
                    + segments.size() + " segments, classes], got "
                    + (energies == null ? "null" : Shape.str(energies.shape())));
        }
        int classes = energies.shape(1);
        GraphBuilder b = new GraphBuilder();
        for (int k = 0; k < cuts.length; k++) {
            b.addState(k == 0, k == cuts.length - 1);
        }
        for (int s = 0; s < segments.size(); s++) {
            Segment seg = segments.get(s);
            for (int c = 0; c < classes; c++) {
                b.addArc(seg.from(), seg.to(), c, s, 0f);
            }
        }
        return b.build().withWeights(energies.contiguous());
    }

    /**
     * The lowest-energy path of an interpretation graph of this image (Viterbi): its labels, the segment of each,
     * and its energy; empty labels and +∞ energy when no path reaches the last cut.
     */
    public Reading read(Graph interpretation) {
        Graph path = ViterbiPath.of(interpretation);
        int n = path.arcs();
        int[] labels = new int[n];
        int[] segs = new int[n];
        double energy = n == 0 ? Double.POSITIVE_INFINITY : 0;
        for (int a = 0; a < n; a++) {
            labels[a] = path.ilabel(a);
            segs[a] = path.olabel(a);
            energy += path.weight(a);
        }
        return new Reading(labels, segs, energy);
    }

    /**
     * Every segment cut out and centred on a canvas {@code canvas} columns wide ({@link #centre}): shape [segments,
     * 1, height, canvas], the input of a convolutional recogniser.
     */
    public Tensor crops(int canvas) {
        float[] out = new float[segments.size() * height * canvas];
        for (int s = 0; s < segments.size(); s++) {
            Segment seg = segments.get(s);
            centre(image, height, width, seg.x0(), seg.x1(), canvas, out, s * height * canvas);
        }
        return Tensor.of(out, segments.size(), 1, height, canvas);
    }

    /**
     * Copies columns x0..x1−1 of {@code image} ([height, width], row-major) into the [height, canvas] block of
     * {@code out} at {@code at} (cleared first), shifted so that their horizontal centre of mass lands on the
     * canvas's middle column (as MNIST centres its digits), but no column falls off the canvas.
     */
    public static void centre(float[] image, int height, int width, int x0, int x1, int canvas, float[] out, int at) {
        int w = x1 - x0;
        if (x0 < 0 || x1 > width || w < 1 || w > canvas) {
            throw new IllegalArgumentException("SegmentationGraph.centre: columns [" + x0 + ", " + x1 + ") of an image "
                    + width + " wide do not fit a canvas " + canvas + " wide");
        }
        double mass = 0;
        double moment = 0;
        for (int y = 0; y < height; y++) {
            for (int x = x0; x < x1; x++) {
                float v = image[y * width + x];
                mass += v;
                moment += v * (x - x0);
            }
        }
        double centre = mass > 0 ? moment / mass : (w - 1) / 2.0;
        int shift = (int) Math.round((canvas - 1) / 2.0 - centre);
        shift = Math.max(0, Math.min(canvas - w, shift));
        Arrays.fill(out, at, at + height * canvas, 0f);
        for (int y = 0; y < height; y++) {
            System.arraycopy(image, y * width + x0, out, at + y * canvas + shift, w);
        }
    }
}
