package org.ebl4j.structured.crf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.ebl4j.energy.loss.NegativeLogLikelihoodLoss;
import org.ebl4j.structured.chain.LinearChain;
import org.ebl4j.structured.energy.ChainLogPartition;
import org.ebl4j.structured.energy.LinearChainEnergy;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The sparse CRF's directly computed gradient is the framework's NLL loss gradient (NegativeLogLikelihoodLoss with
 * ChainLogPartition on a LinearChainEnergy) carried through the feature map by the chain rule:
 * X[t, j] = −Σ_{a ∈ U(t)} θ_{a,j} gives ∂L/∂θ_{a,j} = −Σ_{t : a ∈ U(t)} ∂L/∂X[t, j], and W = −θ_B gives
 * ∂L/∂θ_B = −∂L/∂W.
 */
class FrameworkLossRelationTest {
    @Test
    void sparseGradientEqualsTheFrameworkGradientThroughTheFeatureMap() {
        List<Sequence> data = SyntheticTagging.sentences(1, 7, 41);
        FeatureSpace space = FeatureSpace.build(FeatureTemplates.parse(SyntheticTagging.TEMPLATE, "t"), data);
        EncodedSequence s = CrfTrainer.encode(space, data).get(0);
        int k = space.labelCount();
        int len = s.length();
        Rng rng = new Rng(42);
        double[] theta = new double[space.size()];
        for (int j = 0; j < theta.length; j++) {
            theta[j] = (float) (0.8 * rng.nextGaussian()); // float-exact, so both sides see the same weights
        }
        double[] sparse = new double[theta.length];
        double nll = new NegativeLogLikelihood(space, List.of(s), 0, 1).evaluate(theta, sparse);

        LinearChain chain = space.chain(s, space.new TransitionCache(theta));
        float[] u = new float[len * k];
        for (int t = 0; t < len; t++) {
            for (int j = 0; j < k; j++) {
                u[t * k + j] = (float) chain.unary(t, j);
            }
        }
        LinearChainEnergy energy = new LinearChainEnergy(k);
        float[] w = new float[k * k];
        for (int ij = 0; ij < k * k; ij++) {
            w[ij] = (float) chain.transitions(1).energy(ij / k, ij % k);
        }
        energy.transitions().copyFrom(Tensor.of(w, k, k));
        Tensor x = Tensor.of(u, 1, len, k).requiresGrad(true);
        float[] y = new float[len];
        for (int t = 0; t < len; t++) {
            y[t] = s.labels()[t];
        }
        Tensor loss = new NegativeLogLikelihoodLoss(1, new ChainLogPartition()).compute(energy, x,
                Tensor.of(y, 1, len)).loss();
        loss.backward();
        assertEquals(nll, loss.item(), 1e-4 * Math.abs(nll));

        double[] chained = new double[theta.length];
        float[] gx = x.grad().toArray();
        for (int t = 0; t < len; t++) {
            for (int p = s.unaryStart()[t]; p < s.unaryStart()[t + 1]; p++) {
                for (int j = 0; j < k; j++) {
                    int r = space.feature(s.unary()[p], j);
                    if (r >= 0) {
                        chained[r] -= gx[t * k + j];
                    }
                }
            }
        }
        float[] gw = energy.transitions().grad().toArray();
        for (int ij = 0; ij < k * k; ij++) {
            chained[space.bigramWeight(0, ij / k, ij % k)] = -gw[ij];
        }
        for (int j = 0; j < theta.length; j++) {
            assertEquals(sparse[j], chained[j], 1e-5 + 1e-4 * Math.abs(sparse[j]), "weight " + j);
        }
    }
}
