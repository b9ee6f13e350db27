package org.ebl4j.structured.gtn.segmentation;

/**
 * A candidate segment of a {@link SegmentationGraph}: the image between cut {@code from} and cut {@code to}
 * (cut indices, from &lt; to), whose ink lies in columns {@code x0} (inclusive) to {@code x1} (exclusive).
 */
public record Segment(int from, int to, int x0, int x1) {
    public Segment {
        if (from < 0 || to <= from || x1 <= x0) {
            throw new IllegalArgumentException("Segment: need 0 <= from < to and x0 < x1, got from=" + from + ", to="
                    + to + ", x0=" + x0 + ", x1=" + x1);
        }
    }
}
