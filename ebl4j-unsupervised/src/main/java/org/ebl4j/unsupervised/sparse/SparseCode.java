package org.ebl4j.unsupervised.sparse;

import org.ebl4j.tensor.Tensor;

/**
 * The result of an L1 solver on N rows: the codes Z [N, atoms], the mean objective over the rows,
 * 1/N Σ_r ½‖Y_r − W Z_r‖² + λ|Z_r|₁, at the start ({@code objective[0]}) and after each iteration t
 * ({@code objective[t]}), the number of iterations run and whether the tolerance was met before the limit.
 */
public record SparseCode(Tensor codes, double[] objective, int iterations, boolean converged) {
    public SparseCode {
        if (objective.length != iterations + 1) {
            throw new IllegalArgumentException("SparseCode: " + iterations + " iterations need " + (iterations + 1)
                    + " objective values, got " + objective.length);
        }
        objective = objective.clone();
    }

    /** The mean objective of the returned codes. */
    public double finalObjective() {
        return objective[iterations];
    }

    @Override
    public double[] objective() {
        return objective.clone();
    }
}
