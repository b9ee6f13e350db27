package org.ebl4j.structured.energy;

import java.util.Map;

import org.ebl4j.energy.Energy;
import org.ebl4j.energy.inference.Inference;
import org.ebl4j.energy.inference.InferenceResult;
import org.ebl4j.structured.chain.ChainDynamicProgram;
import org.ebl4j.structured.chain.LinearChain;
import org.ebl4j.structured.chain.Path;
import org.ebl4j.tensor.Tensor;

/**
 * Exact inference for a {@link LinearChainEnergy}: Y* = argmin_Y E(W, Y, X) over all K^T label sequences by the
 * Viterbi algorithm (min-sum: {@link ChainDynamicProgram#viterbi}, the tropical semiring), T·K² operations per
 * sample instead of K^T. Gives {@code PerceptronLoss(new ChainViterbi())} the structured perceptron loss.
 * Answers [B, T] (float labels), energies [B]; diagnostic "paths" = K^T (as a double).
 */
public final class ChainViterbi implements Inference {
    @Override
    public InferenceResult infer(Energy energy, Tensor x) {
        if (!(energy instanceof LinearChainEnergy chain)) {
            throw new IllegalArgumentException("ChainViterbi: needs a LinearChainEnergy, got "
                    + (energy == null ? "null" : energy.getClass().getSimpleName()));
        }
        LinearChain[] chains = chain.chains(x, 1);
        int len = x.shape(1);
        float[] y = new float[chains.length * len];
        float[] e = new float[chains.length];
        for (int b = 0; b < chains.length; b++) {
            Path p = ChainDynamicProgram.viterbi(chains[b]);
            int[] labels = p.labels();
            for (int t = 0; t < len; t++) {
                y[b * len + t] = labels[t];
            }
            e[b] = (float) p.energy();
        }
        return new InferenceResult(Tensor.of(y, chains.length, len), Tensor.of(e, chains.length),
                Map.of("paths", Math.pow(chain.states(), len)));
    }
}
