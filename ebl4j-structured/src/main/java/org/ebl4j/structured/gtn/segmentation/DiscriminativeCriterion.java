package org.ebl4j.structured.gtn.segmentation;

import org.ebl4j.structured.gtn.Compose;
import org.ebl4j.structured.gtn.Graph;
import org.ebl4j.structured.gtn.ShortestDistance;
import org.ebl4j.tensor.Tensor;

/**
 * Global training criteria of a graph transformer network (LeCun, Bottou, Bengio, Haffner 1998, §VI): with G the
 * interpretation graph of an input (every segmentation and every labelling, as a transducer label:anything) and
 * G_Y the paths of G that read the desired label string Y (the constrained graph, chain(Y) ∘ G),
 * <pre>
 *   FORWARD:  L = F(G_Y) − F(G),         F = −log Σ_paths exp(−E(path))     (discriminative forward training, §VI.D)
 *   VITERBI:  L = min E(G_Y) − min E(G)                                    (discriminative Viterbi training, §VI.B)
 * </pre>
 * Both are ≥ 0. FORWARD is the negative log-likelihood of Y with the segmentation marginalised: it pulls down the
 * energy of every path reading Y in proportion to its posterior and pushes up every path in proportion to its
 * posterior in G. VITERBI is the perceptron loss of the energy-based tutorial with the segmentation minimised
 * over: it moves only the best correct path and the best path overall, and is 0 once the best path reads Y.
 * Gradients reach the arc energies of G and from there the recogniser. The loss is +∞, and must not be
 * back-propagated, when no path of G reads Y (the over-segmentation missed a cut).
 */
public enum DiscriminativeCriterion {
    FORWARD,
    VITERBI;

    /** The loss of interpretation graph {@code interpretation} for the desired labels, a scalar tensor. */
    public Tensor loss(Graph interpretation, int[] labels) {
        if (labels == null || labels.length == 0) {
            throw new IllegalArgumentException("DiscriminativeCriterion." + name() + ": need at least one label");
        }
        Graph constrained = Compose.compose(Graph.chain(labels), interpretation);
        return score(constrained).sub(score(interpretation));
    }

    /** F (forward) or the Viterbi energy of {@code g}. */
    private Tensor score(Graph g) {
        return this == FORWARD ? ShortestDistance.forwardScore(g) : ShortestDistance.viterbiScore(g);
    }

    /** The criterion named {@code forward} or {@code viterbi} (case-insensitive). */
    public static DiscriminativeCriterion named(String name) {
        for (DiscriminativeCriterion c : values()) {
            if (c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("DiscriminativeCriterion: unknown criterion '" + name
                + "' (forward or viterbi)");
    }
}
