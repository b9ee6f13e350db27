package org.ebl4j.data.image;

import org.ebl4j.linalg.SymmetricEigen;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * Whitening fitted on rows of data X [N, d] (e.g. image patches): with μ the mean row and the sample covariance
 * C = (X − μ)ᵀ(X − μ)/(N − 1) = V Λ Vᵀ ({@link SymmetricEigen}), each direction is scaled by (λ_i + ε)^(−1/2):
 * <ul>
 *   <li>PCA whitening: z = (λ + ε)^(−1/2) Vᵀ(x − μ), the coordinates on the principal axes, largest first;</li>
 *   <li>ZCA whitening (Bell &amp; Sejnowski 1997): z = V (Λ + εI)^(−1/2) Vᵀ (x − μ), the same rotated back to
 *       the input axes, the whitening closest to the identity, so whitened patches keep their spatial layout.</li>
 * </ul>
 * With ε = 0 the whitened training rows have identity covariance; ε &gt; 0 shrinks direction i to variance
 * λ_i/(λ_i + ε), damping the low-variance (for images: high-frequency, noisy) directions. Directions whose
 * variance λ_i is at most {@value #RANK_TOLERANCE} λ₁ are numerically empty (e.g. the constant direction after
 * {@link Patches#removeMean}) and dropped: PCA keeps only the others, ZCA maps them to 0.
 */
public final class Whitening {
    /** Variance, relative to the largest, at or below which a direction counts as empty. */
    public static final double RANK_TOLERANCE = 1e-6;

    /** The two kinds of whitening. */
    public enum Kind {
        /** Codes on the principal axes. */
        PCA,
        /** Codes on the input axes. */
        ZCA
    }

    private final Kind kind;
    private final double epsilon;
    private final Tensor mean;
    private final double[] variances;
    /** Kept eigenvectors as rows [r, d]. */
    private final Tensor components;
    /** The map applied to the centred rows: Vᵣ diag(s) [d, r] for PCA, Vᵣ diag(s) Vᵣᵀ [d, d] for ZCA. */
    private final Tensor map;

    private Whitening(Kind kind, double epsilon, Tensor mean, double[] variances, Tensor components, Tensor map) {
        this.kind = kind;
        this.epsilon = epsilon;
        this.mean = mean;
        this.variances = variances;
        this.components = components;
        this.map = map;
    }

    /** Fits the whitening of {@code kind} on the rows of {@code data} [N, d], N ≥ 2, with ε = {@code epsilon} ≥ 0. */
    public static Whitening fit(Tensor data, Kind kind, double epsilon) {
        if (data == null || data.dim() != 2 || data.shape(0) < 2 || data.shape(1) < 1) {
            throw new IllegalArgumentException("Whitening.fit: data must be a matrix [N, d] with N >= 2 rows, got "
                    + (data == null ? "null" : Shape.str(data.shape())));
        }
        if (kind == null) {
            throw new IllegalArgumentException("Whitening.fit: kind must be PCA or ZCA, got null");
        }
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("Whitening.fit: epsilon must be a finite number >= 0, got " + epsilon);
        }
        int n = data.shape(0);
        int d = data.shape(1);
        Tensor x = data.detach();
        Tensor mu = x.mean(0, false).contiguous();
        Tensor centred = x.sub(mu).contiguous();
        SymmetricEigen eigen = SymmetricEigen.of(centred.t().matmul(centred).div(n - 1));
        double[] lambda = eigen.values();
        int kept = 0;
        while (kept < d && lambda[kept] > RANK_TOLERANCE * lambda[0]) {
            kept++;
        }
        if (kept == 0) {
            throw new IllegalArgumentException("Whitening.fit: the data have no variance (all " + n
                    + " rows equal): nothing to whiten");
        }
        double[] variances = new double[kept];
        float[] scaled = new float[d * kept]; // column i: v_i (λ_i + ε)^(−1/2)
        for (int i = 0; i < kept; i++) {
            variances[i] = lambda[i];
            double s = 1 / Math.sqrt(lambda[i] + epsilon);
            double[] v = eigen.vector(i);
            for (int j = 0; j < d; j++) {
                scaled[j * kept + i] = (float) (v[j] * s);
            }
        }
        Tensor components = eigen.top(kept);
        Tensor pca = Tensor.of(scaled, d, kept);
        Tensor map = kind == Kind.PCA ? pca : pca.matmul(components).contiguous();
        return new Whitening(kind, epsilon, mu, variances, components, map);
    }

    /** The whitened rows of {@code data} [N, d]: [N, r] for PCA (r = {@link #rank()}), [N, d] for ZCA. */
    public Tensor apply(Tensor data) {
        if (data == null || data.dim() != 2 || data.shape(1) != mean.shape(0)) {
            throw new IllegalArgumentException("Whitening.apply: data must be [N, " + mean.shape(0) + "], got "
                    + (data == null ? "null" : Shape.str(data.shape())));
        }
        return data.sub(mean).matmul(map);
    }

    public Kind kind() {
        return kind;
    }

    public double epsilon() {
        return epsilon;
    }

    /** μ [d], the mean row of the training data. */
    public Tensor mean() {
        return mean;
    }

    /** r, the number of directions kept. */
    public int rank() {
        return variances.length;
    }

    /** λ₁ ≥ … ≥ λ_r, the training variance along each kept principal direction (a copy). */
    public double[] variances() {
        return variances.clone();
    }

    /** The kept principal directions (the PCA components) as orthonormal rows [r, d], largest variance first. */
    public Tensor components() {
        return components;
    }

    /** The whitening matrix M [d, r] (PCA) or [d, d] (ZCA, symmetric): whitened rows are (X − μ) M. */
    public Tensor matrix() {
        return map;
    }
}
