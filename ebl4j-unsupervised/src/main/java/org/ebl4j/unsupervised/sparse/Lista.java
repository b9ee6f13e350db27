package org.ebl4j.unsupervised.sparse;

import java.util.function.Consumer;

import org.ebl4j.tensor.Tensor;

/**
 * LISTA, learned ISTA (Gregor &amp; LeCun, "Learning fast approximations of sparse coding", ICML 2010):
 *
 * <pre>
 *   B = Y W_eᵀ,   Z_0 = h_θ(B),   Z_{t+1} = h_θ(B + Z_t Sᵀ)  (t &lt; T)
 * </pre>
 *
 * started at ISTA's values W_e = Wᵀ/L, S = I − WᵀW/L, θ = λ/L (L = λ_max(WᵀW)), so an untrained LISTA with T steps is
 * ISTA with T + 1 iterations from Z = 0; training and use as in {@link UnrolledSparseEncoder}. Each step is one
 * [atoms x atoms] product per row.
 */
public final class Lista extends UnrolledSparseEncoder {
    /** T = {@code steps} (≥ 0) steps after the first shrinkage, initialised to ISTA's values for {@code energy}. */
    public Lista(SparseCodingEnergy energy, int steps) {
        super(energy, steps, istaStep(energy, steps));
    }

    /** ISTA's step 1/L for {@code energy} (L computed once), after checking the arguments. */
    private static float istaStep(SparseCodingEnergy energy, int steps) {
        if (energy == null || steps < 0) {
            throw new IllegalArgumentException("Lista: needs a sparse coding energy and steps >= 0, got "
                    + energy + ", steps=" + steps);
        }
        double lipschitz = energy.lipschitz();
        if (!(lipschitz > 0)) {
            throw new IllegalArgumentException("Lista: the dictionary is zero (Lipschitz constant " + lipschitz + ")");
        }
        return (float) (1 / lipschitz);
    }

    /** The T + 1 shrinkage steps; {@code each} sees Z_0 … Z_T. */
    @Override
    Tensor unroll(Tensor y, Tensor encoder, Tensor inhibition, Tensor thresholds, int steps, Consumer<Tensor> each) {
        Tensor b = y.matmul(encoder.t());
        Tensor z = shrink(b, thresholds);
        each.accept(z);
        for (int t = 0; t < steps; t++) {
            z = shrink(b.add(z.matmul(inhibition.t())), thresholds);
            each.accept(z);
        }
        return z;
    }
}
