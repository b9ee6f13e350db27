package org.ebl4j.structured.energy;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.Energy;
import org.ebl4j.energy.loss.LogPartition;
import org.ebl4j.structured.chain.ChainDynamicProgram;
import org.ebl4j.structured.chain.LinearChain;
import org.ebl4j.structured.chain.Marginals;
import org.ebl4j.tensor.Tensor;

/**
 * The exact log-partition of a {@link LinearChainEnergy} over all K^T label sequences, by the forward algorithm
 * in the log semiring: F_β(W, X) = −(1/β) log Σ_Y exp(−βE(W, Y, X)) (LeCun et al. 2006, §6: the forward
 * algorithm "without the normalisation step"). With it, {@code NegativeLogLikelihoodLoss(β, new
 * ChainLogPartition())} is the loss of a linear-chain CRF over any unary energies.
 *
 * <p>Differentiable in X and in the transitions W: the gradient is the Gibbs distribution's marginals,
 * ∂F_β/∂X[b, t, j] = p_b(y_t = j), ∂F_β/∂W[i, j] = Σ_t p_b(y_{t−1} = i, y_t = j), from forward-backward
 * ({@link ChainDynamicProgram#marginals}), recorded as one graph node (first-order only: the marginals are
 * constants of its backward). Nothing is sampled, so the pulled-up answers are null (all of them).
 */
public final class ChainLogPartition implements LogPartition {
    @Override
    public Estimate freeEnergy(Energy energy, Tensor x, Tensor y, float beta) {
        if (!(energy instanceof LinearChainEnergy chain)) {
            throw new IllegalArgumentException("ChainLogPartition: needs a LinearChainEnergy, got "
                    + (energy == null ? "null" : energy.getClass().getSimpleName()));
        }
        if (!(beta > 0) || !Float.isFinite(beta)) {
            throw new IllegalArgumentException("ChainLogPartition: beta must be finite and > 0, got " + beta);
        }
        LinearChain[] chains = chain.chains(x, beta);
        int b = chains.length;
        int len = x.shape(1);
        int k = chain.states();
        float[] f = new float[b];
        float[] node = new float[b * len * k];
        float[] edge = new float[b * k * k];
        double[] sum = new double[k * k];
        for (int i = 0; i < b; i++) {
            Marginals m = ChainDynamicProgram.marginals(chains[i]);
            f[i] = (float) (m.freeEnergy() / beta);
            double[] p = m.nodes();
            for (int j = 0; j < p.length; j++) {
                node[i * len * k + j] = (float) p[j];
            }
            java.util.Arrays.fill(sum, 0);
            for (int t = 1; t < len; t++) {
                m.addEdges(t, sum, 0);
            }
            for (int j = 0; j < k * k; j++) {
                edge[i * k * k + j] = (float) sum[j];
            }
        }
        Tensor nodes = Tensor.of(node, b, len, k);
        Tensor edges = Tensor.of(edge, b, k, k);
        Tensor out = Tensor.of(f, b);
        Tensor w = chain.transitions();
        Autodiff.record("chainFreeEnergy", out, new Tensor[] {x, w}, g -> new Tensor[] {
            g.reshape(b, 1, 1).mul(nodes), g.reshape(b, 1, 1).mul(edges).sum(0, false)});
        return new Estimate(out, null);
    }
}
