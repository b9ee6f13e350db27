package org.ebl4j.unsupervised.volume;

import org.ebl4j.linalg.SymmetricEigen;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * Square independent component analysis as an energy: the data are whitened (z = D^{-1/2}V(y − μ), by {@link Pca}
 * with whitening) and rotated by an orthogonal unmixing matrix W into sources s = Wz, with energy
 * E(Y) = Σ_i log cosh(s_i), the negative log-likelihood of independent super-Gaussian sources p(s_i) ∝ 1/cosh(s_i)
 * up to a constant (W is orthogonal, so log|det| does not depend on it). A square, invertible encoder cannot
 * shrink the volume of low energy (LeCun, "Energy-Based Unsupervised Learning", strategy 1, constant volume of low
 * energy; Bell &amp; Sejnowski 1995).
 *
 * <p>Fitted by symmetric FastICA with the log cosh contrast (Hyvärinen, "Fast and Robust Fixed-Point Algorithms
 * for Independent Component Analysis", IEEE TNN 1999): W⁺ = E[g(Wz) zᵀ] − diag(E[g'(Wz)]) W with g = tanh, then
 * the symmetric decorrelation W ← (W⁺W⁺ᵀ)^{-1/2} W⁺ (a k x k {@link SymmetricEigen}); it stops when every row turns
 * by less than {@code tolerance} (max_i |1 − |w⁺_i·w_i|| &lt; tol, as scikit-learn) or after
 * {@code maxIterations}. The fixed point finds sub- and super-Gaussian sources alike. Sources are recovered up to
 * permutation and sign, with unit variance.
 *
 * <p>{@link #transform} gives the sources S = (Y − μ) Aᵀ [N, k] for the unmixing A = W D^{-1/2} V [k, d];
 * {@link #inverseTransform} maps sources back through the mixing matrix Vᵀ D^{1/2} Wᵀ [d, k].
 */
public final class Ica extends FittedModel {
    private static final float LOG_2 = (float) Math.log(2);

    private final int components;
    private final Rng rng;
    private final Pca whitening;
    private int maxIterations = 200;
    private double tolerance = 1e-4;

    private Tensor unmixing;
    private Tensor mixing;
    private int iterations;
    private boolean converged;

    /** ICA with {@code components} (>= 1) sources; d of them for square ICA. {@code rng} draws the initial W. */
    public Ica(int components, Rng rng) {
        if (components < 1) {
            throw new IllegalArgumentException("Ica: components must be >= 1, got " + components);
        }
        if (rng == null) {
            throw new IllegalArgumentException("Ica: rng must not be null");
        }
        this.components = components;
        this.rng = rng;
        this.whitening = child("whitening", new Pca(components).whiten(true));
    }

    /** Most FastICA iterations: >= 1 (default 200). */
    public Ica maxIterations(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("Ica.maxIterations: must be >= 1, got " + value);
        }
        this.maxIterations = value;
        return this;
    }

    /** Convergence threshold on max_i |1 − |w⁺_i·w_i||: finite and > 0 (default 1e-4). */
    public Ica tolerance(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("Ica.tolerance: must be finite and > 0, got " + value);
        }
        this.tolerance = value;
        return this;
    }

    @Override
    public Ica fit(Tensor data) {
        checkData(data, 2, "a covariance needs two");
        Tensor raw = data.detach();
        whitening.fit(raw);
        double[] variance = whitening.explainedVariance();
        double last = variance[components - 1];
        if (!(last > 1e-6 * variance[0])) { // below float32 rounding of the covariance: no direction to whiten
            throw new IllegalArgumentException("Ica.fit: the data span fewer than " + components
                    + " dimensions (principal variance " + components + " is " + last + ", the first " + variance[0]
                    + "); use fewer components");
        }
        Tensor z = whitening.transform(raw).contiguous();
        int n = z.shape(0);
        Tensor w = decorrelate(rng.normal(0f, 1f, components, components));
        int it = 0;
        boolean done = false;
        while (it < maxIterations && !done) {
            Tensor g = z.matmul(w.t()).tanh();
            Tensor slope = g.square().neg().add(1f).mean(0, false); // E[g'(Wz)], g' = 1 − tanh²
            Tensor next = decorrelate(g.t().matmul(z).div(n).sub(w.mul(slope.unsqueeze(1))));
            float[] turn = next.mul(w).sum(1, false).toArray();
            double worst = 0;
            for (float t : turn) {
                worst = Math.max(worst, Math.abs(1 - Math.abs(t)));
            }
            w = next;
            it++;
            done = worst < tolerance;
        }
        Tensor v = whitening.directions();
        Tensor inverseStd = whitening.inverseStd();
        unmixing = keep("unmixing", unmixing, w.matmul(v.mul(inverseStd.unsqueeze(1))));
        mixing = keep("mixing", mixing, v.t().div(inverseStd).matmul(w.t()));
        iterations = it;
        converged = done;
        markFitted(raw.shape(1));
        return this;
    }

    /** (W Wᵀ)^{-1/2} W: the orthogonal matrix nearest to W (symmetric decorrelation). */
    private static Tensor decorrelate(Tensor w) {
        int k = w.shape(0);
        SymmetricEigen e = SymmetricEigen.of(w.matmul(w.t()));
        double[] values = e.values();
        double[][] vectors = e.vectors();
        float[] root = new float[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int c = 0; c < k; c++) {
                    s += vectors[i][c] * vectors[j][c] / Math.sqrt(values[c]);
                }
                root[i * k + j] = (float) s;
            }
        }
        return Tensor.of(root, k, k).matmul(w);
    }

    /** k, the number of sources. */
    public int components() {
        return components;
    }

    /** The unmixing matrix A [k, d]: sources s = A(y − μ). */
    public Tensor unmixing() {
        requireFitted("unmixing");
        return unmixing;
    }

    /** The mixing matrix [d, k]: y ≈ mixing · s + μ (the pseudo-inverse of A). */
    public Tensor mixing() {
        requireFitted("mixing");
        return mixing;
    }

    /** μ, the training mean: [d]. */
    public Tensor mean() {
        requireFitted("mean");
        return whitening.mean();
    }

    /** FastICA iterations made. */
    public int iterations() {
        requireFitted("iterations");
        return iterations;
    }

    /** Whether FastICA met the tolerance before {@code maxIterations}. */
    public boolean converged() {
        requireFitted("converged");
        return converged;
    }

    /** The sources S = (Y − μ) Aᵀ: [N, k], unit variance on the training data. */
    @Override
    public Tensor transform(Tensor data) {
        checkPoints("transform", data);
        return data.sub(whitening.mean()).matmul(unmixing.t());
    }

    /** Mixing · s + μ for sources S [N, k]: [N, d]. */
    public Tensor inverseTransform(Tensor sources) {
        requireFitted("inverseTransform");
        if (sources == null || sources.dim() != 2 || sources.shape(1) != components) {
            throw new IllegalArgumentException("Ica.inverseTransform: sources must be [N, " + components + "], got "
                    + (sources == null ? "null" : java.util.Arrays.toString(sources.shape())));
        }
        return sources.matmul(mixing.t()).add(whitening.mean());
    }

    /** E(Y) = Σ_i log cosh(s_i), s the sources of y, per row: [N]; differentiable in y. */
    @Override
    public Tensor energy(Tensor x, Tensor y) {
        Tensor a = transform(y).abs();
        // log cosh(s) = |s| + log(1 + e^{−2|s|}) − log 2, finite for any s
        return a.add(a.mul(-2f).softplus()).sub(LOG_2).sum(1, false);
    }
}
