package org.ebl4j.structured.dtw;

import java.util.List;

/**
 * The local moves a warping path may make in dynamic time warping (Sakoe &amp; Chiba 1978; Giorgino, "Computing and
 * visualizing dynamic time warping alignments in R: the dtw package", 2009, whose names these are). A path is a
 * sequence of cells (i, j) of the input × template grid from (0, 0) to (n−1, m−1); each move goes from
 * (i − di, j − dj) to (i, j) and adds weight · d(i, j) to the path's energy (the start cell counts d(0, 0) once).
 * <ul>
 *   <li>{@link #SYMMETRIC1}: (1, 0), (0, 1), (1, 1), all of weight 1 — the standard pattern;</li>
 *   <li>{@link #SYMMETRIC2}: the same moves, the diagonal of weight 2, so every path has total weight n + m − 1
 *       and diagonal paths are not favoured over staircases (Sakoe &amp; Chiba's symmetric form);</li>
 *   <li>{@link #ASYMMETRIC}: (1, 0), (1, 1), (1, 2) of weight 1 — every input frame is matched exactly once and the
 *       slope is constrained to [0, 2] template frames per input frame (Itakura 1975 without the rule against two
 *       flat moves in a row).</li>
 * </ul>
 */
public record StepPattern(String name, List<Step> steps) {
    /** A move from (i − di, j − dj) to (i, j) adding weight · d(i, j). */
    public record Step(int di, int dj, double weight) {
        public Step {
            if (di < 0 || dj < 0 || di + dj == 0) {
                throw new IllegalArgumentException("StepPattern: a step needs di, dj >= 0, not both 0; got (" + di
                        + ", " + dj + ")");
            }
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("StepPattern: step (" + di + ", " + dj + ") needs a finite weight "
                        + "> 0, got " + weight);
            }
        }
    }

    public static final StepPattern SYMMETRIC1 = new StepPattern("symmetric1",
            List.of(new Step(1, 0, 1), new Step(0, 1, 1), new Step(1, 1, 1)));

    public static final StepPattern SYMMETRIC2 = new StepPattern("symmetric2",
            List.of(new Step(1, 0, 1), new Step(0, 1, 1), new Step(1, 1, 2)));

    public static final StepPattern ASYMMETRIC = new StepPattern("asymmetric",
            List.of(new Step(1, 0, 1), new Step(1, 1, 1), new Step(1, 2, 1)));

    public StepPattern {
        if (name == null || steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("StepPattern: needs a name and at least one step");
        }
        steps = List.copyOf(steps);
    }

    /** The pattern named {@code name} (symmetric1, symmetric2, asymmetric). */
    public static StepPattern named(String name) {
        for (StepPattern p : List.of(SYMMETRIC1, SYMMETRIC2, ASYMMETRIC)) {
            if (p.name.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("StepPattern: unknown pattern '" + name
                + "', expected symmetric1, symmetric2 or asymmetric");
    }
}
