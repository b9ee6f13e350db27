package org.ebl4j.structured.dtw;

import org.ebl4j.structured.semiring.LogSemiring;
import org.ebl4j.structured.semiring.Semiring;
import org.ebl4j.structured.semiring.TropicalSemiring;

/**
 * Dynamic time warping: elastic matching of an input sequence X (n frames) with a template T (m frames) by dynamic
 * programming on the n × m trellis (Sakoe &amp; Chiba 1978; LeCun et al., "A Tutorial on Energy-Based Learning",
 * 2006, §6 and the lecture's "1D constellation model": "elastic matching using dynamic time warping (Viterbi
 * algorithm on a trellis)"). The warping path Z is the latent variable:
 * <pre>
 *   E(X, T) = min_Z Σ_{(i,j)∈Z} w·d(X_i, T_j),     d(x, t) = ‖x − t‖²
 *   R(0, 0) = d(0, 0),    R(i, j) = ⊕_{steps (di, dj, w)} [R(i − di, j − dj) ⊗ w·d(i, j)],    E = R(n−1, m−1)
 * </pre>
 * over the moves of a {@link StepPattern}, optionally restricted to a Sakoe-Chiba band: cell (i, j) is allowed when
 * |i/(n−1) − j/(m−1)| ≤ r (r a fraction of the length, so inputs and templates of different lengths share one
 * band around the diagonal of the trellis; r ≥ 1 is no constraint).
 *
 * <p>In the {@link TropicalSemiring} (⊕ = min) {@link #align} gives the DTW energy and, by back-tracking (the first
 * step of the pattern on ties), the best path Z*; by the envelope theorem ∂E/∂d(i, j) is the step weight with which
 * Z* enters (i, j), away from ties. In the {@link LogSemiring} at inverse temperature β, {@link #softAlign} gives
 * the free energy over paths, soft-DTW (Cuturi &amp; Blondel, "Soft-DTW: a differentiable loss function for
 * time-series", ICML 2017): E_β = −(1/β) log Σ_Z exp(−β Σ_{(i,j)∈Z} w·d(i, j)), run as the log-semiring program on
 * β·d and divided by β. Its gradient ∂E_β/∂d(i, j) = Σ_Z P(Z) · (weight of (i, j) in Z), with
 * P(Z) ∝ exp(−β·cost(Z)), comes from a backward pass (Cuturi &amp; Blondel's E matrix); E_β → E as β → ∞ and
 * E − (1/β) log |paths| ≤ E_β ≤ E.
 *
 * <p>O(n·m·|steps|) per pair; immutable and safe to use from several threads.
 */
public final class DynamicTimeWarping {
    private final StepPattern pattern;
    private final double band;

    /** No band constraint. */
    public DynamicTimeWarping(StepPattern pattern) {
        this(pattern, 1);
    }

    /** Paths restricted to the Sakoe-Chiba band |i/(n−1) − j/(m−1)| ≤ {@code band} (band ≥ 0; ≥ 1: none). */
    public DynamicTimeWarping(StepPattern pattern, double band) {
        if (pattern == null) {
            throw new IllegalArgumentException("DynamicTimeWarping: step pattern is null");
        }
        if (!(band >= 0) || Double.isInfinite(band)) {
            throw new IllegalArgumentException("DynamicTimeWarping: band must be a finite fraction >= 0, got " + band);
        }
        this.pattern = pattern;
        this.band = band;
    }

    public StepPattern pattern() {
        return pattern;
    }

    public double band() {
        return band;
    }

    /**
     * The local distances d(X_i, T_j) = ‖X_i − T_j‖², row-major [n × m]: {@code x} holds n frames of {@code dim}
     * values from {@code xAt}, {@code t} m frames from {@code tAt}.
     */
    public static double[] localDistances(float[] x, int xAt, int n, float[] t, int tAt, int m, int dim) {
        double[] d = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int k = 0; k < dim; k++) {
                    double diff = (double) x[xAt + i * dim + k] - t[tAt + j * dim + k];
                    s += diff * diff;
                }
                d[i * m + j] = s;
            }
        }
        return d;
    }

    /** Whether cell (i, j) of an n × m trellis lies inside the band. */
    public boolean allowed(int i, int j, int n, int m) {
        return Math.abs((double) i * (m - 1) - (double) j * (n - 1)) <= band * (n - 1) * (m - 1);
    }

    /** Hard DTW over the local distances {@code d} ([n × m], row-major, finite): energy, Z* and ∂E/∂d. */
    public Alignment align(double[] d, int n, int m) {
        check(d, n, m);
        Semiring s = TropicalSemiring.INSTANCE;
        double[] r = forward(d, n, m, s);
        double energy = r[n * m - 1];
        double[] weights = new double[n * m];
        if (energy == Double.POSITIVE_INFINITY) {
            return new Alignment(energy, n, m, weights, null);
        }
        int[][] reversed = new int[n + m][];
        int length = 0;
        int i = n - 1;
        int j = m - 1;
        double[] cand = new double[1];
        while (i > 0 || j > 0) {
            reversed[length++] = new int[] {i, j};
            StepPattern.Step taken = null;
            for (StepPattern.Step st : pattern.steps()) {
                int pi = i - st.di();
                int pj = j - st.dj();
                if (pi >= 0 && pj >= 0 && r[pi * m + pj] < Double.POSITIVE_INFINITY) {
                    // the same arithmetic as the forward pass, so the winning predecessor matches exactly
                    cand[0] = r[pi * m + pj];
                    s.times(cand, 0, st.weight() * d[i * m + j]);
                    if (cand[0] == r[i * m + j]) {
                        taken = st;
                        break;
                    }
                }
            }
            weights[i * m + j] += taken.weight();
            i -= taken.di();
            j -= taken.dj();
        }
        reversed[length++] = new int[] {0, 0};
        weights[0] += 1;
        int[][] path = new int[length][];
        for (int k = 0; k < length; k++) {
            path[k] = reversed[length - 1 - k];
        }
        return new Alignment(energy, n, m, weights, path);
    }

    /**
     * Soft-DTW at inverse temperature β (finite, &gt; 0) over the local distances {@code d}: the free energy over all
     * warping paths and its gradient, the expected step weights under the path posterior.
     */
    public Alignment softAlign(double[] d, int n, int m, double beta) {
        check(d, n, m);
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("DynamicTimeWarping: beta must be finite and > 0 (use align for "
                    + "beta = infinity), got " + beta);
        }
        Semiring s = LogSemiring.INSTANCE;
        double[] c = new double[d.length];
        for (int k = 0; k < d.length; k++) {
            c[k] = beta * d[k];
        }
        double[] r = forward(c, n, m, s);
        double total = r[n * m - 1];
        double[] weights = new double[n * m];
        if (total == Double.POSITIVE_INFINITY) {
            return new Alignment(total, n, m, weights, null);
        }
        double[] b = backward(c, n, m, s);
        weights[0] = Math.exp(total - c[0] - b[0]);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                if (b[i * m + j] == Double.POSITIVE_INFINITY) {
                    continue;
                }
                for (StepPattern.Step st : pattern.steps()) {
                    int pi = i - st.di();
                    int pj = j - st.dj();
                    if (pi >= 0 && pj >= 0 && r[pi * m + pj] < Double.POSITIVE_INFINITY) {
                        double logP = total - r[pi * m + pj] - st.weight() * c[i * m + j] - b[i * m + j];
                        weights[i * m + j] += st.weight() * Math.exp(logP);
                    }
                }
            }
        }
        return new Alignment(total / beta, n, m, weights, null);
    }

    /** R(i, j): the ⊕-sum over the partial paths from (0, 0) to (i, j) of their energies; +∞ outside the band. */
    private double[] forward(double[] c, int n, int m, Semiring s) {
        double[] r = new double[n * m];
        double[] cand = new double[1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                int at = i * m + j;
                s.zero(r, at);
                if (!allowed(i, j, n, m)) {
                    continue;
                }
                if (at == 0) {
                    s.one(r, 0);
                    s.times(r, 0, c[0]);
                    continue;
                }
                for (StepPattern.Step st : pattern.steps()) {
                    int pi = i - st.di();
                    int pj = j - st.dj();
                    if (pi >= 0 && pj >= 0) {
                        cand[0] = r[pi * m + pj];
                        s.times(cand, 0, st.weight() * c[at]);
                        s.plus(r, at, cand, 0, r, at);
                    }
                }
            }
        }
        return r;
    }

    /**
     * B(i, j): the ⊕-sum over the partial paths from (i, j) to (n−1, m−1) of their energies, without the energy of
     * (i, j) itself; +∞ outside the band.
     */
    private double[] backward(double[] c, int n, int m, Semiring s) {
        double[] b = new double[n * m];
        double[] cand = new double[1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                int at = i * m + j;
                s.zero(b, at);
                if (!allowed(i, j, n, m)) {
                    continue;
                }
                if (at == n * m - 1) {
                    s.one(b, at);
                    continue;
                }
                for (StepPattern.Step st : pattern.steps()) {
                    int ni = i + st.di();
                    int nj = j + st.dj();
                    if (ni < n && nj < m) {
                        cand[0] = b[ni * m + nj];
                        s.times(cand, 0, st.weight() * c[ni * m + nj]);
                        s.plus(b, at, cand, 0, b, at);
                    }
                }
            }
        }
        return b;
    }

    private static void check(double[] d, int n, int m) {
        if (n < 1 || m < 1 || d == null || d.length != n * m) {
            throw new IllegalArgumentException("DynamicTimeWarping: need n, m >= 1 and n*m local distances, got n=" + n
                    + ", m=" + m + " and " + (d == null ? "null" : d.length + " distances"));
        }
        for (int k = 0; k < d.length; k++) {
            if (!Double.isFinite(d[k])) {
                throw new IllegalArgumentException("DynamicTimeWarping: local distance (" + k / m + ", " + k % m
                        + ") is " + d[k] + "; distances must be finite");
            }
        }
    }
}
