package org.ebl4j.structured.factor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An energy-based factor graph over discrete variables x_0, ..., x_{V−1}, x_v ∈ {0, ..., card(v) − 1}: the energy
 * of an assignment is the sum of its factors' energies,
 * <pre>  E(x) = Σ_f E_f(x_f),      p(x) ∝ exp(−βE(x))</pre>
 * (LeCun et al. 2006, §6: an EBM that is a sum of factors is an unnormalised factor graph in the log domain; its
 * inference is min-sum, or log-sum-exp-sum, message passing "without the normalisation step"). Immutable.
 *
 * <p>Message passing runs on the bipartite graph of variables and factors, whose edges are the (factor, slot)
 * pairs; the graph is a forest when that bipartite graph has no cycle, and then {@link TreeInference} is exact.
 * Otherwise {@link LoopyBeliefPropagation} approximates.
 */
public final class FactorGraph {
    private final int[] cardinalities;
    private final List<Factor> factors;
    private final int[] edgeOffset;
    private final int[] edgeFactor;
    private final int[][] edgesOfVariable;

    private FactorGraph(int[] cardinalities, List<Factor> factors) {
        this.cardinalities = cardinalities;
        this.factors = factors;
        edgeOffset = new int[factors.size() + 1];
        for (int f = 0; f < factors.size(); f++) {
            edgeOffset[f + 1] = edgeOffset[f] + factors.get(f).arity();
        }
        edgeFactor = new int[edgeOffset[factors.size()]];
        for (int f = 0; f < factors.size(); f++) {
            Arrays.fill(edgeFactor, edgeOffset[f], edgeOffset[f + 1], f);
        }
        int[] degree = new int[cardinalities.length];
        for (Factor f : factors) {
            for (int v : f.variables()) {
                degree[v]++;
            }
        }
        edgesOfVariable = new int[cardinalities.length][];
        for (int v = 0; v < degree.length; v++) {
            edgesOfVariable[v] = new int[degree[v]];
            degree[v] = 0;
        }
        for (int f = 0; f < factors.size(); f++) {
            for (int slot = 0; slot < factors.get(f).arity(); slot++) {
                int v = factors.get(f).variable(slot);
                edgesOfVariable[v][degree[v]++] = edgeOffset[f] + slot;
            }
        }
    }

    /**
     * The graph over variables with the given cardinalities (each ≥ 1) and factors; every factor's variables must
     * be distinct and in range, and its table must hold Π card(v) entries, finite or +∞.
     */
    public static FactorGraph of(int[] cardinalities, List<Factor> factors) {
        if (cardinalities == null || factors == null) {
            throw new IllegalArgumentException("FactorGraph: cardinalities and factors must not be null");
        }
        int[] cards = cardinalities.clone();
        for (int v = 0; v < cards.length; v++) {
            if (cards[v] < 1) {
                throw new IllegalArgumentException("FactorGraph: variable " + v + " has cardinality " + cards[v]
                        + ", must be >= 1");
            }
        }
        List<Factor> fs = List.copyOf(factors);
        for (int f = 0; f < fs.size(); f++) {
            check(f, fs.get(f), cards);
        }
        return new FactorGraph(cards, fs);
    }

    private static void check(int index, Factor f, int[] cards) {
        long size = 1;
        for (int slot = 0; slot < f.arity(); slot++) {
            int v = f.variable(slot);
            if (v < 0 || v >= cards.length) {
                throw new IllegalArgumentException("FactorGraph: factor " + index + " uses variable " + v
                        + ", outside [0, " + cards.length + ")");
            }
            for (int other = 0; other < slot; other++) {
                if (f.variable(other) == v) {
                    throw new IllegalArgumentException("FactorGraph: factor " + index + " lists variable " + v
                            + " twice");
                }
            }
            size *= cards[v];
        }
        if (size != f.size()) {
            throw new IllegalArgumentException("FactorGraph: factor " + index + " over variables "
                    + Arrays.toString(f.variables()) + " needs " + size + " energies, got " + f.size());
        }
        for (int i = 0; i < f.size(); i++) {
            double e = f.energy(i);
            if (Double.isNaN(e) || e == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("FactorGraph: factor " + index + " has energy " + e + " at entry "
                        + i + "; energies must be finite or +Infinity (forbidden)");
            }
        }
    }

    /**
     * A rows × cols 4-connected grid of variables with {@code states} values each (variable r·cols + c), as used
     * for image restoration: one unary factor per site with energies {@code unary[(r·cols + c)·states + x]}, and
     * the same states × states pairwise table between every pair of horizontal and vertical neighbours. Factors
     * are the unary ones first, in site order, then the horizontal pairs, then the vertical ones.
     */
    public static FactorGraph grid(int rows, int cols, int states, double[] unary, double[] pairwise) {
        if (rows < 1 || cols < 1 || states < 1 || unary == null || unary.length != (long) rows * cols * states
                || pairwise == null || pairwise.length != states * states) {
            throw new IllegalArgumentException("FactorGraph.grid: need rows, cols, states >= 1, rows*cols*states "
                    + "unary and states*states pairwise energies; got rows=" + rows + ", cols=" + cols + ", states="
                    + states + ", " + (unary == null ? "null" : unary.length) + " unary and "
                    + (pairwise == null ? "null" : pairwise.length) + " pairwise energies");
        }
        int[] cards = new int[rows * cols];
        Arrays.fill(cards, states);
        List<Factor> fs = new ArrayList<>();
        for (int v = 0; v < rows * cols; v++) {
            fs.add(Factor.unary(v, Arrays.copyOfRange(unary, v * states, (v + 1) * states)));
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c + 1 < cols; c++) {
                fs.add(Factor.pairwise(r * cols + c, r * cols + c + 1, pairwise));
            }
        }
        for (int r = 0; r + 1 < rows; r++) {
            for (int c = 0; c < cols; c++) {
                fs.add(Factor.pairwise(r * cols + c, (r + 1) * cols + c, pairwise));
            }
        }
        return of(cards, fs);
    }

    /** V, the number of variables. */
    public int variables() {
        return cardinalities.length;
    }

    /** The number of values of variable v. */
    public int cardinality(int v) {
        return cardinalities[v];
    }

    public List<Factor> factors() {
        return factors;
    }

    /** E(x) = Σ_f E_f(x_f) for one value per variable. */
    public double energy(int[] assignment) {
        if (assignment == null || assignment.length != cardinalities.length) {
            throw new IllegalArgumentException("FactorGraph.energy: need " + cardinalities.length + " values, got "
                    + (assignment == null ? "null" : assignment.length));
        }
        for (int v = 0; v < assignment.length; v++) {
            if (assignment[v] < 0 || assignment[v] >= cardinalities[v]) {
                throw new IllegalArgumentException("FactorGraph.energy: value " + assignment[v] + " of variable " + v
                        + " is outside [0, " + cardinalities[v] + ")");
            }
        }
        double e = 0;
        for (Factor f : factors) {
            int index = 0;
            for (int slot = 0; slot < f.arity(); slot++) {
                index = index * cardinalities[f.variable(slot)] + assignment[f.variable(slot)];
            }
            e += f.energy(index);
        }
        return e;
    }

    /**
     * Null when the graph is a forest (its variable-factor graph has no cycle), otherwise a description of the
     * first factor that closes a cycle.
     */
    public String cycle() {
        int[] parent = new int[cardinalities.length + factors.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int f = 0; f < factors.size(); f++) {
            int node = cardinalities.length + f;
            for (int slot = 0; slot < factors.get(f).arity(); slot++) {
                int v = factors.get(f).variable(slot);
                int a = root(parent, node);
                int b = root(parent, v);
                if (a == b) {
                    return "factor " + f + " over variables " + Arrays.toString(factors.get(f).variables())
                            + " closes a cycle through variable " + v;
                }
                parent[a] = b;
            }
        }
        return null;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** The number of (factor, slot) edges of the variable-factor graph. */
    int edges() {
        return edgeOffset[factors.size()];
    }

    /** The edge of a factor's slot. */
    int edge(int factor, int slot) {
        return edgeOffset[factor] + slot;
    }

    /** The edges that touch variable v (shared array: do not modify). */
    int[] edgesOf(int v) {
        return edgesOfVariable[v];
    }

    /** The factor of an edge. */
    int factorOf(int edge) {
        return edgeFactor[edge];
    }

    /** The slot of an edge within its factor. */
    int slotOf(int edge) {
        return edge - edgeOffset[edgeFactor[edge]];
    }

    /** The variable of an edge. */
    int variableOf(int edge) {
        return factors.get(edgeFactor[edge]).variable(slotOf(edge));
    }
}
