package org.ebl4j.structured.dtw;

import java.util.ArrayList;
import java.util.List;

/**
 * Test oracle: every warping path of an n × m trellis under a step pattern and band, enumerated by brute force,
 * each with its energy Σ w·d over its cells and its step weight per cell.
 */
final class WarpingPaths {
    /** One path: its energy and the weight with which it counts each cell (entry i·m + j). */
    record Enumerated(double energy, double[] weights, List<int[]> cells) {
    }

    private WarpingPaths() {
    }

    static List<Enumerated> all(DynamicTimeWarping dtw, double[] d, int n, int m) {
        List<Enumerated> out = new ArrayList<>();
        if (!dtw.allowed(0, 0, n, m)) {
            return out;
        }
        double[] w = new double[n * m];
        w[0] = 1;
        List<int[]> cells = new ArrayList<>();
        cells.add(new int[] {0, 0});
        extend(dtw, d, n, m, 0, 0, d[0], w, cells, out);
        return out;
    }

    private static void extend(DynamicTimeWarping dtw, double[] d, int n, int m, int i, int j, double energy,
            double[] w, List<int[]> cells, List<Enumerated> out) {
        if (i == n - 1 && j == m - 1) {
            out.add(new Enumerated(energy, w.clone(), new ArrayList<>(cells)));
            return;
        }
        for (StepPattern.Step s : dtw.pattern().steps()) {
            int ni = i + s.di();
            int nj = j + s.dj();
            if (ni < n && nj < m && dtw.allowed(ni, nj, n, m)) {
                w[ni * m + nj] += s.weight();
                cells.add(new int[] {ni, nj});
                extend(dtw, d, n, m, ni, nj, energy + s.weight() * d[ni * m + nj], w, cells, out);
                cells.remove(cells.size() - 1);
                w[ni * m + nj] -= s.weight();
            }
        }
    }

    /** −(1/β) log Σ_paths exp(−β·energy), shifted by the lowest energy. */
    static double softMin(List<Enumerated> paths, double beta) {
        double lo = paths.stream().mapToDouble(Enumerated::energy).min().orElseThrow();
        double s = 0;
        for (Enumerated p : paths) {
            s += Math.exp(-beta * (p.energy() - lo));
        }
        return lo - Math.log(s) / beta;
    }

    /** Σ_paths P(path) · weights(path), P ∝ exp(−β·energy). */
    static double[] expectedWeights(List<Enumerated> paths, double beta, int cells) {
        double lo = paths.stream().mapToDouble(Enumerated::energy).min().orElseThrow();
        double z = 0;
        double[] out = new double[cells];
        for (Enumerated p : paths) {
            double q = Math.exp(-beta * (p.energy() - lo));
            z += q;
            for (int k = 0; k < cells; k++) {
                out[k] += q * p.weights()[k];
            }
        }
        for (int k = 0; k < cells; k++) {
            out[k] /= z;
        }
        return out;
    }
}
