package org.ebl4j.structured.chain;

import java.util.ArrayList;
import java.util.List;

import org.ebl4j.structured.semiring.Semiring;

/**
 * The table of a forward pass over a {@link LinearChain} in a {@link Semiring}: α_t(j), the ⊕-sum over all paths
 * of positions 0..t that end in state j (the unary energy of t included), the total ⊕_j α_{T−1}(j), and for a
 * selective semiring the back-pointers that trace the paths behind each entry (LeCun et al. 2006, §6).
 */
public final class Lattice {
    private final LinearChain chain;
    private final Semiring semiring;
    private final double[] alpha;
    private final int[] from;
    private final double[] total;
    private final int[] fromEnd;

    Lattice(LinearChain chain, Semiring semiring, double[] alpha, int[] from, double[] total, int[] fromEnd) {
        this.chain = chain;
        this.semiring = semiring;
        this.alpha = alpha;
        this.from = from;
        this.total = total;
        this.fromEnd = fromEnd;
    }

    public Semiring semiring() {
        return semiring;
    }

    public LinearChain chain() {
        return chain;
    }

    /** The ⊕-sum over all paths (width() entries: one, or the n best energies). */
    public double[] total() {
        return total.clone();
    }

    /** Entry r of α_t(j). */
    public double alpha(int t, int j, int r) {
        return alpha[(t * chain.states() + j) * semiring.width() + r];
    }

    /** The table, entry ((t·K + j)·width + r); package-private: read by {@link Marginals} without a copy. */
    double[] alphas() {
        return alpha;
    }

    /**
     * The paths behind the finite entries of the total, best first: one for the tropical semiring, up to n for the
     * n-best semiring.
     */
    public List<Path> paths() {
        if (from == null) {
            throw new IllegalStateException("Lattice: the " + semiring.name() + " semiring keeps no back-pointers; "
                    + "paths exist for selective semirings (tropical, n-best)");
        }
        int w = semiring.width();
        int k = chain.states();
        List<Path> out = new ArrayList<>();
        for (int r = 0; r < w && total[r] < Double.POSITIVE_INFINITY; r++) {
            int[] labels = new int[chain.length()];
            int entry = fromEnd[r];
            for (int t = chain.length() - 1; t >= 0; t--) {
                labels[t] = entry / w;
                if (t > 0) {
                    entry = from[t * k * w + entry];
                }
            }
            out.add(new Path(labels, total[r]));
        }
        return out;
    }
}
