package org.ebl4j.structured.gtn;

import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * Connectionist temporal classification (Graves, Fernández, Gomez, Schmidhuber 2006) built from graph operations,
 * as in gtn's CTC example. With emissions E[t, l] the energies of label l at frame t (e.g. −log softmax of a
 * network's outputs), the linear graph of E accepts every frame-by-frame label string, with energy Σ_t E[t, y_t];
 * the CTC graph of a target accepts the strings that collapse to it (repeats merged, then blanks removed); so
 * <pre>
 *   loss = F(linear(E) ∩ ctc(target)) − F(linear(E)),       F = −log Σ_paths exp(−energy)
 * </pre>
 * is −log p(target | E) when each frame is a Gibbs distribution p(y_t) ∝ exp(−E[t, y_t]) (the second term is 0 when
 * E is already −log-normalised). Its gradient with respect to E, through {@link Compose} and
 * {@link ShortestDistance}, is the alignment posterior per (t, l) minus the frame softmax.
 * {@link CtcForwardBackward} computes the same loss by the direct α-β recursion.
 */
public final class Ctc {
    private Ctc() {
    }

    /**
     * The CTC acceptor of {@code target} (gtn's construction): 2U + 1 states alternating blank and the target's
     * labels, state 0 the start state, the last two the accept states; each state has a self-loop with its label,
     * an arc from the previous state, and label states an arc skipping the blank before them unless they repeat
     * the label before that blank. Arcs into a state carry its label; all energies are 0.
     */
    public static Graph graph(int[] target, int blank) {
        if (target == null || blank < 0) {
            throw new IllegalArgumentException("Ctc.graph: need a target and a blank label >= 0, got target="
                    + (target == null ? "null" : "[" + target.length + "]") + ", blank=" + blank);
        }
        int n = 2 * target.length + 1;
        GraphBuilder b = new GraphBuilder();
        for (int s = 0; s < n; s++) {
            b.addState(s == 0, s >= n - 2);
        }
        for (int s = 0; s < n; s++) {
            int label = label(target, blank, s);
            b.addArc(s, s, label, 0f);
            if (s > 0) {
                b.addArc(s - 1, s, label, 0f);
            }
            if (s % 2 == 1 && s > 1 && label != target[s / 2 - 1]) {
                b.addArc(s - 2, s, label, 0f);
            }
        }
        return b.build();
    }

    /** The label of state s of the CTC graph: blank for even s, target[(s − 1) / 2] for odd s. */
    static int label(int[] target, int blank, int s) {
        return s % 2 == 0 ? blank : target[s / 2];
    }

    /** −log p(target | emissions) for emissions of shape [T, L] (energies), a scalar tensor. */
    public static Tensor loss(Tensor emissions, int[] target, int blank) {
        check("Ctc.loss", emissions, target, blank);
        Graph e = Graph.linear(emissions);
        Graph aligned = Compose.intersect(e, graph(target, blank));
        return ShortestDistance.forwardScore(aligned).sub(ShortestDistance.forwardScore(e));
    }

    /** Emissions [T, L], blank and target labels in [0, L), no blank in the target. */
    static void check(String op, Tensor emissions, int[] target, int blank) {
        if (emissions == null || emissions.dim() != 2) {
            throw new IllegalArgumentException(op + ": emissions must have shape [T, L], got "
                    + (emissions == null ? "null" : Shape.str(emissions.shape())));
        }
        int labels = emissions.shape(1);
        if (blank < 0 || blank >= labels) {
            throw new IllegalArgumentException(op + ": blank " + blank + " outside 0.." + (labels - 1));
        }
        if (target == null) {
            throw new IllegalArgumentException(op + ": target is null");
        }
        for (int u = 0; u < target.length; u++) {
            if (target[u] < 0 || target[u] >= labels || target[u] == blank) {
                throw new IllegalArgumentException(op + ": target[" + u + "] = " + target[u] + " must be in 0.."
                        + (labels - 1) + " and not the blank " + blank);
            }
        }
    }
}
