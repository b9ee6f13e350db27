package org.ebl4j.unsupervised.sparse;

import java.util.Arrays;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.Domain;
import org.ebl4j.energy.latent.ContinuousLatentEnergy;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * The sparse-coding energy with an L1 regulariser (Olshausen &amp; Field 1996; LeCun's lecture, strategy 6),
 * E(W, Y, Z) = ½‖Y − W Z‖² + λ|Z|₁, with a dictionary W [inputDim, atoms] whose columns are the atoms. Rows of
 * y [N, inputDim] and z [N, atoms] are samples; Z is removed by minimisation (an L1 solver: {@link Ista},
 * {@link Fista}, {@link CoordinateDescent}), which gives the energy of {@link SparseCoding}.
 *
 * <p>The smooth part ½‖Y − WZ‖² has a gradient −Wᵀ(Y − WZ) that is Lipschitz with constant L = λ_max(WᵀW)
 * ({@link #lipschitz()}), the step size 1/L of the shrinkage-thresholding algorithms.
 */
public final class SparseCodingEnergy extends ContinuousLatentEnergy {
    private final Tensor dictionary;
    private final float lambda;

    /** A dictionary of {@code atoms} unit-norm columns drawn uniformly on the sphere of R^inputDim. */
    public SparseCodingEnergy(int inputDim, int atoms, double lambda, Rng rng) {
        this(randomDictionary(inputDim, atoms, rng), lambda);
    }

    /** The given dictionary W [inputDim, atoms] (copied); λ ≥ 0 and finite. */
    public SparseCodingEnergy(Tensor dictionary, double lambda) {
        if (dictionary == null || dictionary.dim() != 2) {
            throw new IllegalArgumentException("SparseCodingEnergy: the dictionary must be a matrix [inputDim, atoms], "
                    + "got " + (dictionary == null ? "null" : Shape.str(dictionary.shape())));
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("SparseCodingEnergy: lambda must be a finite number >= 0, got " + lambda);
        }
        this.dictionary = parameter("dictionary", dictionary.contiguousCopy());
        this.lambda = (float) lambda;
    }

    /**
     * A dictionary whose atoms are {@code atoms} distinct rows of {@code data} [N, inputDim] (N ≥ atoms) drawn with
     * {@code rng}, scaled to unit norm (a zero row is replaced by a random direction): atoms that start on the data
     * speed up dictionary learning.
     */
    public static SparseCodingEnergy fromSamples(Tensor data, int atoms, double lambda, Rng rng) {
        if (data == null || data.dim() != 2 || atoms < 1 || data.shape(0) < atoms) {
            throw new IllegalArgumentException("SparseCodingEnergy.fromSamples: needs data [N, inputDim] with N >= atoms"
                    + " >= 1, got data " + (data == null ? "null" : Shape.str(data.shape())) + " and atoms=" + atoms);
        }
        checkRng(rng);
        int[] rows = Arrays.copyOf(rng.permutation(data.shape(0)), atoms);
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            Tensor w = data.detach().indexSelect(Indices.of(rows)).t().contiguous();
            Tensor norms = w.square().sum(0, true).sqrt();
            Tensor zero = norms.eq(Tensor.zeros(1, atoms));
            Tensor random = randomDictionary(data.shape(1), atoms, rng);
            // columns of zero norm take the random direction instead
            return new SparseCodingEnergy(w.div(norms.add(zero)).add(random.mul(zero)), lambda);
        }
    }

    private static Tensor randomDictionary(int inputDim, int atoms, Rng rng) {
        if (inputDim < 1 || atoms < 1) {
            throw new IllegalArgumentException("SparseCodingEnergy: inputDim and atoms must be >= 1, got inputDim="
                    + inputDim + ", atoms=" + atoms);
        }
        checkRng(rng);
        Tensor w = rng.normal(0f, 1f, inputDim, atoms);
        return w.div(w.square().sum(0, true).sqrt());
    }

    private static void checkRng(Rng rng) {
        if (rng == null) {
            throw new IllegalArgumentException("SparseCodingEnergy: rng must not be null");
        }
    }

    /** W [inputDim, atoms], the learnable parameter (atoms are columns). */
    public Tensor dictionary() {
        return dictionary;
    }

    public float lambda() {
        return lambda;
    }

    public int inputDim() {
        return dictionary.shape(0);
    }

    public int atoms() {
        return dictionary.shape(1);
    }

    /** ½‖Y − W Z‖² + λ|Z|₁ per row, [N]; differentiable in W, Y and Z. {@code x} is ignored. */
    @Override
    public Tensor energy(Tensor x, Tensor z, Tensor y) {
        checkData(y);
        if (z == null || z.dim() != 2 || z.shape(0) != y.shape(0) || z.shape(1) != atoms()) {
            throw new IllegalArgumentException("SparseCodingEnergy: codes must have shape [" + y.shape(0) + ", "
                    + atoms() + "] for data " + Shape.str(y.shape()) + ", got "
                    + (z == null ? "null" : Shape.str(z.shape())));
        }
        Tensor residual = y.sub(z.matmul(dictionary.t()));
        return residual.square().sum(1, false).mul(0.5f).add(z.abs().sum(1, false).mul(lambda));
    }

    /** Z ∈ R^atoms, unconstrained. */
    @Override
    public Domain latentDomain() {
        return Domain.unbounded(atoms());
    }

    /** L = λ_max(WᵀW) = σ_max(W)² of the current dictionary, by power iteration in double precision. */
    public double lipschitz() {
        return SparseCodingProblem.largestEigenvalue(SparseCodingProblem.gram(dictionary));
    }

    /** @throws IllegalArgumentException unless {@code y} is [N, inputDim] with N ≥ 1 */
    void checkData(Tensor y) {
        if (y == null || y.dim() != 2 || y.shape(0) < 1 || y.shape(1) != inputDim()) {
            throw new IllegalArgumentException("SparseCodingEnergy: data must have shape [N, " + inputDim()
                    + "] with N >= 1, got " + (y == null ? "null" : Shape.str(y.shape())));
        }
    }

    @Override
    public String toString() {
        return "SparseCodingEnergy(" + inputDim() + "x" + atoms() + ", lambda=" + lambda + ")";
    }
}
