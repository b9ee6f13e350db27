package org.ebl4j.unsupervised.sparse;

import java.util.function.Consumer;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Tensor;

/**
 * LCoD, learned coordinate descent (Gregor &amp; LeCun, "Learning fast approximations of sparse coding", ICML 2010,
 * Algorithm 2): T greedy coordinate updates, each row choosing its own coordinate,
 *
 * <pre>
 *   B = Y W_eᵀ,  Z = 0;  T times:  Z̄ = h_θ(B),  k = argmax_j |Z̄_j − Z_j|,  B ← B + (Z̄_k − Z_k) S_{:,k},  Z_k ← Z̄_k;
 *   then Z = h_θ(B)
 * </pre>
 *
 * started at coordinate descent's values W_e = Wᵀ, S = I − WᵀW, θ = λ, which for unit-norm atoms make the
 * untrained LCoD exactly T steps of greedy coordinate descent (Li &amp; Osher 2009) from Z = 0. Each step costs
 * O(atoms) per row, against LISTA's O(atoms²); training back-propagates through the chosen coordinates (the argmax
 * selections are held fixed, as in the paper) and is otherwise as in {@link UnrolledSparseEncoder}.
 */
public final class Lcod extends UnrolledSparseEncoder {
    /** T = {@code steps} (≥ 0) coordinate updates, initialised to coordinate descent's values for {@code energy}. */
    public Lcod(SparseCodingEnergy energy, int steps) {
        super(checked(energy, steps), steps, 1f);
    }

    private static SparseCodingEnergy checked(SparseCodingEnergy energy, int steps) {
        if (energy == null || steps < 0) {
            throw new IllegalArgumentException("Lcod: needs a sparse coding energy and steps >= 0, got "
                    + energy + ", steps=" + steps);
        }
        return energy;
    }

    /** The T updates and the final shrinkage; {@code each} sees Z after every update and h_θ(B) at the end. */
    @Override
    Tensor unroll(Tensor y, Tensor encoder, Tensor inhibition, Tensor thresholds, int steps, Consumer<Tensor> each) {
        int n = y.shape(0);
        int atoms = encoder.shape(0);
        Tensor b = y.matmul(encoder.t());
        Tensor z = Tensor.zeros(n, atoms);
        Tensor columns = inhibition.t(); // row k of Sᵀ is column k of S
        for (int t = 0; t < steps; t++) {
            Tensor target = shrink(b, thresholds);
            Indices k;
            try (Autodiff.Scope s = Autodiff.noGrad()) {
                k = target.sub(z).abs().argmax(1);
            }
            Tensor move = target.sub(z).gather(1, k.reshape(n, 1)); // Z̄_k − Z_k per row, [N, 1]
            b = b.add(columns.indexSelect(k).mul(move));
            z = z.add(Tensor.oneHot(k, atoms).mul(move));
            each.accept(z);
        }
        Tensor out = shrink(b, thresholds);
        each.accept(out);
        return out;
    }
}
