package org.ebl4j.structured.gtn.segmentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ebl4j.structured.gtn.Graph;
import org.ebl4j.structured.gtn.ShortestDistance;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Cut points, segments, interpretation graph and crops of hand-made images. */
class OverSegmentationTest {
    /**
     * 4 rows, 18 columns: a blob in columns 2-4 (4 pixels per column), blank 5-7, a blob in columns 8-15 whose ink
     * per column is 4 4 4 1 1 4 4 4 (a dip where two touching characters meet), blank 16-17.
     */
    static float[] toy() {
        int[] ink = {0, 0, 4, 4, 4, 0, 0, 0, 4, 4, 4, 1, 1, 4, 4, 4, 0, 0};
        float[] image = new float[4 * 18];
        for (int x = 0; x < 18; x++) {
            for (int y = 0; y < ink[x]; y++) {
                image[y * 18 + x] = 1f;
            }
        }
        return image;
    }

    static SegmentationGraph toyGraph() {
        return new OverSegmentation(0.5f, 10, 2, 2).segment(toy(), 4, 18);
    }

    @Test
    void cutsAtTheGapAndAtTheDip() {
        SegmentationGraph g = toyGraph();
        // ends, middle of the gap (5 + 8) / 2, and boundary 12 where P(11) + P(12) = 2 is lowest
        assertArrayEquals(new int[] {0, 6, 12, 18}, g.cuts());
        assertArrayEquals(g.cuts(), new OverSegmentation(0.5f, 10, 2, 2).segment(Tensor.of(toy(), 4, 18)).cuts());
        // every stretch between two cuts with ink at most 10 columns wide; (0, 3) spans [2, 16), too wide
        assertEquals(List.of(new Segment(0, 1, 2, 5), new Segment(0, 2, 2, 12), new Segment(1, 2, 8, 12),
                new Segment(1, 3, 8, 16), new Segment(2, 3, 12, 16)), g.segments());
    }

    @Test
    void interpretationGraphHasOneArcPerSegmentAndClassAndOnePathPerReading() {
        SegmentationGraph g = toyGraph();
        int classes = 2;
        Graph interpretation = g.interpretation(Tensor.zeros(g.segments().size(), classes));
        assertEquals(4, interpretation.states());
        assertEquals(5 * classes, interpretation.arcs());
        for (int s = 0; s < 5; s++) {
            for (int c = 0; c < classes; c++) {
                int a = s * classes + c;
                assertEquals(g.segments().get(s).from(), interpretation.src(a));
                assertEquals(g.segments().get(s).to(), interpretation.dst(a));
                assertEquals(c, interpretation.ilabel(a));
                assertEquals(s, interpretation.olabel(a));
            }
        }
        // segmentations 0-1-2-3, 0-1-3, 0-2-3: 2^3 + 2^2 + 2^2 = 16 paths of energy 0, F = -log 16
        assertEquals(-Math.log(16), ShortestDistance.forwardScore(interpretation).item(), 1e-5);
    }

    @Test
    void readingFollowsTheLowestEnergyPath() {
        SegmentationGraph g = toyGraph();
        float[] e = new float[5 * 3];
        java.util.Arrays.fill(e, 5f);
        e[0 * 3 + 2] = 1f; // segment 0 reads 2
        e[3 * 3 + 1] = 1.5f; // segment (1, 3) reads 1
        e[2 * 3 + 0] = 0.2f; // segment (1, 2) reads 0 ...
        e[4 * 3 + 0] = 0.2f; // ... and (2, 3) reads 0: 1 + 0.2 + 0.2 < 1 + 1.5
        Reading r = g.read(g.interpretation(Tensor.of(e, 5, 3)));
        assertArrayEquals(new int[] {2, 0, 0}, r.labels());
        assertArrayEquals(new int[] {0, 2, 4}, r.segments());
        assertEquals(1.4, r.energy(), 1e-6);
    }

    @Test
    void wideBlobWithoutDipsIsCutEvenly() {
        float[] image = new float[2 * 34];
        for (int x = 2; x < 32; x++) {
            image[x] = 1f;
            image[34 + x] = 1f;
        }
        SegmentationGraph g = new OverSegmentation(0.5f, 10, 2, 2).segment(image, 2, 34);
        // a flat projection has no dip; the 30 ink columns are split into 3 pieces of 10
        assertArrayEquals(new int[] {0, 12, 22, 34}, g.cuts());
        assertEquals(3, g.segments().size());
    }

    @Test
    void cropsAreCentredOnTheirCentreOfMass() {
        float[] image = new float[3 * 8];
        image[0 * 8 + 2] = 1f; // column 2: mass 2
        image[1 * 8 + 2] = 1f;
        image[2 * 8 + 3] = 2f; // column 3: mass 2 -> centre of mass 2.5 within [2, 4)
        float[] out = new float[3 * 6];
        SegmentationGraph.centre(image, 3, 8, 2, 4, 6, out, 0);
        // centre 0.5 within the segment goes to canvas column round(2.5 - 0.5) = 2: columns 2, 3 land on 2, 3
        assertArrayEquals(new float[] {0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 2, 0, 0}, out);
        // and no column falls off the canvas
        float[] edge = new float[3 * 2];
        SegmentationGraph.centre(image, 3, 8, 2, 4, 2, edge, 0);
        assertArrayEquals(new float[] {1, 0, 1, 0, 0, 2}, edge);
        Tensor crops = toyGraph().crops(10);
        assertArrayEquals(new int[] {5, 1, 4, 10}, crops.shape());
        // segment (0, 2) holds columns 2-11 whole: 3 x 4 + 3 x 4 + 1 ink pixels
        assertEquals(25, sum(crops.slice(0, 1, 2)), 1e-6);
    }

    private static double sum(Tensor t) {
        double s = 0;
        for (float v : t.toArray()) {
            s += v;
        }
        return s;
    }

    @Test
    void badInputIsRejectedWithAMessage() {
        OverSegmentation seg = new OverSegmentation(0.5f, 10, 2, 2);
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> seg.segment(new float[12], 3, 4));
        assertTrue(blank.getMessage().contains("no ink"), blank.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> seg.segment(new float[12], 3, 5));
        assertTrue(shape.getMessage().contains("12 pixels is not 3x5"), shape.getMessage());
        IllegalArgumentException energies = assertThrows(IllegalArgumentException.class,
                () -> toyGraph().interpretation(Tensor.zeros(4, 10)));
        assertTrue(energies.getMessage().contains("[5 segments, classes]"), energies.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OverSegmentation(0f, 10, 2, 2));
    }
}
