package org.ebl4j.structured.factor;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random small factor graphs for the oracle tests. */
final class RandomGraphs {
    private RandomGraphs() {
    }

    /**
     * A random forest of up to {@code maxVars} variables with 1 to 3 values: each new variable joins an earlier
     * one through a pairwise factor, or two new ones join an earlier one through a ternary factor, or it starts a
     * new tree; most variables get a unary factor. Energies are N(0, scale²).
     */
    static FactorGraph forest(Random r, int maxVars, double scale) {
        int n = 1 + r.nextInt(maxVars);
        int[] cards = new int[n];
        for (int v = 0; v < n; v++) {
            cards[v] = r.nextInt(10) == 0 ? 1 : 2 + r.nextInt(2);
        }
        List<Factor> fs = new ArrayList<>();
        for (int v = 1; v < n; v++) {
            int u = r.nextInt(v);
            double pick = r.nextDouble();
            if (pick < 0.2 && v + 1 < n) {
                fs.add(new Factor(new int[] {v, u, v + 1}, table(r, cards[v] * cards[u] * cards[v + 1], scale)));
                v++;
            } else if (pick < 0.9) {
                fs.add(r.nextBoolean() ? Factor.pairwise(u, v, table(r, cards[u] * cards[v], scale))
                        : Factor.pairwise(v, u, table(r, cards[u] * cards[v], scale)));
            }
        }
        for (int v = 0; v < n; v++) {
            if (r.nextDouble() < 0.7) {
                fs.add(Factor.unary(v, table(r, cards[v], scale)));
            }
        }
        java.util.Collections.shuffle(fs, r);
        return FactorGraph.of(cards, fs);
    }

    /** A rows × cols binary grid (Ising model in 0/1 form): unary fields h ~ U(−h, h), couplings J ~ U(−j, j). */
    static FactorGraph isingGrid(Random r, int rows, int cols, double h, double j) {
        int[] cards = new int[rows * cols];
        java.util.Arrays.fill(cards, 2);
        List<Factor> fs = new ArrayList<>();
        for (int v = 0; v < cards.length; v++) {
            double field = h * (2 * r.nextDouble() - 1);
            fs.add(Factor.unary(v, field, -field));
        }
        for (int row = 0; row < rows; row++) {
            for (int col = 0; col < cols; col++) {
                int v = row * cols + col;
                if (col + 1 < cols) {
                    fs.add(coupling(v, v + 1, j * (2 * r.nextDouble() - 1)));
                }
                if (row + 1 < rows) {
                    fs.add(coupling(v, v + cols, j * (2 * r.nextDouble() - 1)));
                }
            }
        }
        return FactorGraph.of(cards, fs);
    }

    /** E = −J s_a s_b with s = ±1: −J when the two agree, +J when they differ. */
    static Factor coupling(int a, int b, double j) {
        return Factor.pairwise(a, b, -j, j, j, -j);
    }

    static double[] table(Random r, int size, double scale) {
        double[] t = new double[size];
        for (int i = 0; i < size; i++) {
            t[i] = scale * r.nextGaussian();
        }
        return t;
    }
}
