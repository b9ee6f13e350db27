package org.ebl4j.unsupervised.volume;

import org.ebl4j.linalg.RandomizedEigen;
import org.ebl4j.linalg.SymmetricEigen;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * Principal component analysis as an energy: with W [k, d] the top k principal directions (orthonormal rows) and
 * μ the data mean, E(Y) = ||WᵀW(Y − μ) − (Y − μ)||², the squared distance from Y to the k-dimensional principal
 * subspace through μ. Only that subspace has zero energy, whatever the data: the volume of low energy is fixed by
 * the code's dimension (LeCun, "Energy-Based Unsupervised Learning", strategy 1, constant volume of low energy;
 * Pearson 1901, Hotelling 1933).
 *
 * <p>Fitted in closed form: W holds the eigenvectors of the k largest eigenvalues λ₁ ≥ … ≥ λ_k of the sample
 * covariance C = (Y − μ)ᵀ(Y − μ) / (N − 1) (one matrix product, then only its k largest eigenpairs, see the solvers
 * below); when N &lt; d, those of
 * the N x N Gram matrix G = (Y − μ)(Y − μ)ᵀ instead (G u = (N − 1) λ u gives w = (Y − μ)ᵀu / ||(Y − μ)ᵀu||), which
 * is cheaper. The mean training energy is the discarded variance, (N − 1)/N Σ_{i>k} λ_i (the total variance is the
 * trace of C). Signs follow
 * {@link SymmetricEigen}'s convention (largest-magnitude coordinate positive) on C, or on the u_i when N &lt; d.
 *
 * <p>The eigenpairs come from a dense solver ({@link Solver#EXACT}, {@link SymmetricEigen#largest}) or from
 * randomized subspace iteration on the same matrix ({@link Solver#RANDOMIZED}, {@link RandomizedEigen}: 10 extra
 * directions, 7 power iterations, or 4 when k ≥ 0.1 min(N, d), as scikit-learn's randomized PCA); the default
 * {@link Solver#AUTO} takes scikit-learn's rule: randomized when max(N, d) &gt; 500 and k &lt; 0.8 min(N, d).
 *
 * <p>The code is Z = W(Y − μ) [N, k] ({@link #transform}), divided by √λ_i per component when {@link #whiten} is
 * on (unit-variance codes); {@link #inverseTransform} maps codes back to WᵀZ + μ. The energy does not depend on
 * whitening.
 */
public final class Pca extends FittedModel {
    /** How the top eigenpairs are computed. */
    public enum Solver {
        /** Dense: LAPACK's ssyevr for the k largest (reduction to tridiagonal form, O(m³) for an m x m matrix). */
        EXACT,
        /** Randomized subspace iteration (Halko, Martinsson &amp; Tropp 2011), O(q m² (k + 10)). */
        RANDOMIZED,
        /** RANDOMIZED when max(N, d) &gt; 500 and k &lt; 0.8 min(N, d), else EXACT (scikit-learn's rule). */
        AUTO
    }

    /** Extra directions of the randomized solver. */
    static final int OVERSAMPLES = 10;

    private final int components;
    private boolean whiten;
    private Solver solver = Solver.AUTO;
    private long seed;

    private Tensor mean;
    private Tensor directions;
    private Tensor scale;
    private Tensor variance;
    private Tensor totalVariance;

    /** PCA keeping {@code components} (>= 1) principal directions. */
    public Pca(int components) {
        if (components < 1) {
            throw new IllegalArgumentException("Pca: components must be >= 1, got " + components);
        }
        this.components = components;
    }

    /** Whether {@link #transform} divides each code by √λ_i (default false); set before or after fitting. */
    public Pca whiten(boolean on) {
        this.whiten = on;
        return this;
    }

    /** The eigensolver (default {@link Solver#AUTO}). */
    public Pca solver(Solver solver) {
        if (solver == null) {
            throw new IllegalArgumentException("Pca: solver must be EXACT, RANDOMIZED or AUTO, got null");
        }
        this.solver = solver;
        return this;
    }

    /** Seed of the randomized solver's Gaussian test matrix (default 0). */
    public Pca seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The solver a fit on N x d data uses: {@link #solver}, with AUTO resolved. */
    public Solver solverFor(int n, int d) {
        if (solver != Solver.AUTO) {
            return solver;
        }
        return Math.max(n, d) > 500 && components < 0.8 * Math.min(n, d) ? Solver.RANDOMIZED : Solver.EXACT;
    }

    @Override
    public Pca fit(Tensor data) {
        checkData(data, 2, "a covariance needs two");
        int n = data.shape(0);
        int d = data.shape(1);
        if (components > Math.min(n - 1, d)) {
            throw new IllegalArgumentException("Pca.fit: components must be in [1, min(N - 1, d)] = [1, "
                    + Math.min(n - 1, d) + "] for data " + n + " x " + d + ", got " + components);
        }
        Tensor raw = data.detach();
        Tensor mu = raw.mean(0, false);
        Tensor centred = raw.sub(mu).contiguous();
        Tensor w;
        double[] lambda;
        Tensor scatter = n >= d ? centred.gram() : centred.t().gram();
        SymmetricEigen eigen = solverFor(n, d) == Solver.EXACT ? SymmetricEigen.largest(scatter, components)
                : RandomizedEigen.largest(scatter, components, OVERSAMPLES,
                        components < 0.1 * Math.min(n, d) ? 7 : 4, new Rng(seed));
        lambda = eigen.values();
        if (n >= d) {
            w = eigen.top(components);
        } else {
            Tensor unnormalised = eigen.top(components).matmul(centred); // rows (Y − μ)ᵀu_i
            w = unnormalised.div(unnormalised.square().sum(1, true).sqrt());
        }
        double total = trace(scatter) / (n - 1); // Σ of all eigenvalues, without computing them
        float[] kept = new float[components];
        float[] inverseStd = new float[components];
        for (int i = 0; i < components; i++) {
            double v = Math.max(lambda[i], 0) / (n - 1);
            kept[i] = (float) v;
            inverseStd[i] = (float) (v > 0 ? 1 / Math.sqrt(v) : 0);
        }
        mean = keep("mean", mean, mu);
        directions = keep("components", directions, w);
        variance = keep("explained_variance", variance, Tensor.of(kept, components));
        totalVariance = keep("total_variance", totalVariance, Tensor.of(new float[] {(float) total}, 1));
        scale = keep("inverse_std", scale, Tensor.of(inverseStd, components));
        markFitted(d);
        return this;
    }

    private static double trace(Tensor square) {
        float[] a = square.toArray();
        int m = square.shape(0);
        double t = 0;
        for (int i = 0; i < m; i++) {
            t += a[i * m + i];
        }
        return t;
    }

    /** k, the number of components. */
    public int components() {
        return components;
    }

    /** W: the principal directions as orthonormal rows, largest variance first: [k, d]. */
    public Tensor directions() {
        requireFitted("directions");
        return directions;
    }

    /** μ, the training mean: [d]. */
    public Tensor mean() {
        requireFitted("mean");
        return mean;
    }

    /** λ₁ … λ_k: the variance of the data along each direction (sample covariance, N − 1). */
    public double[] explainedVariance() {
        requireFitted("explainedVariance");
        float[] v = variance.toArray();
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /** λ_i / Σ_j λ_j (all d eigenvalues): the fraction of the total variance each component keeps. */
    public double[] explainedVarianceRatio() {
        double[] r = explainedVariance();
        double total = totalVariance.item();
        for (int i = 0; i < r.length; i++) {
            r[i] = total > 0 ? r[i] / total : 0;
        }
        return r;
    }

    /** 1/√λ_i per component (0 where λ_i = 0), the whitening scale: [k]. */
    Tensor inverseStd() {
        requireFitted("inverseStd");
        return scale;
    }

    /** The code Z = W(Y − μ) ([N, k]), divided by √λ_i per component when whitening. */
    @Override
    public Tensor transform(Tensor data) {
        checkPoints("transform", data);
        Tensor z = data.sub(mean).matmul(directions.t());
        return whiten ? z.mul(scale) : z;
    }

    /** WᵀZ + μ ([N, d]) for codes Z [N, k] (whitened codes when whitening is on). */
    public Tensor inverseTransform(Tensor code) {
        requireFitted("inverseTransform");
        if (code == null || code.dim() != 2 || code.shape(1) != components) {
            throw new IllegalArgumentException("Pca.inverseTransform: codes must be [N, " + components + "], got "
                    + (code == null ? "null" : java.util.Arrays.toString(code.shape())));
        }
        Tensor z = whiten ? code.div(scale) : code;
        return z.matmul(directions).add(mean);
    }

    /** E(Y) = ||WᵀW(Y − μ) − (Y − μ)||² per row: [N]; differentiable in y. */
    @Override
    public Tensor energy(Tensor x, Tensor y) {
        checkPoints("energy", y);
        Tensor centred = y.sub(mean);
        Tensor residual = centred.sub(centred.matmul(directions.t()).matmul(directions));
        return residual.square().sum(1, false);
    }
}
