package org.ebl4j.structured.gtn.segmentation;

/**
 * The recogniser's answer for one image: the labels of the best path of the interpretation graph, the segment
 * (index into {@link SegmentationGraph#segments()}) each label was read from, and the path's energy.
 */
public record Reading(int[] labels, int[] segments, double energy) {
    public Reading {
        if (labels.length != segments.length) {
            throw new IllegalArgumentException("Reading: " + labels.length + " labels but " + segments.length
                    + " segments");
        }
    }
}
