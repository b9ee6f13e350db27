package org.ebl4j.energy.train;

import java.util.Arrays;
import java.util.Map;

import org.ebl4j.energy.DiscreteEnergy;
import org.ebl4j.energy.Energy;
import org.ebl4j.energy.inference.Inference;
import org.ebl4j.energy.inference.InferenceResult;
import org.ebl4j.energy.loss.Loss;
import org.ebl4j.energy.loss.LossOutput;
import org.ebl4j.nn.Linear;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * Test-local energies, losses, inference and data, so the Trainer's tests depend only on the energy contracts:
 * a linear multiclass energy E(W, y, X) = −(W X + b)_y, its NLL loss with β = 1, exhaustive argmin inference, a
 * continuous quadratic energy with a grid-search inference, and Gaussian blobs.
 */
final class Toys {
    private Toys() {
    }

    /** E(W, y, X) = −(W X + b)_y for y ∈ {0..K−1}. */
    static final class LinearClassifier extends DiscreteEnergy {
        private final Linear scores;
        private final int k;

        LinearClassifier(int in, int k, Rng rng) {
            this.k = k;
            this.scores = child("scores", new Linear(in, k, rng));
        }

        @Override
        public int answers() {
            return k;
        }

        @Override
        public Tensor energies(Tensor x) {
            return scores.forward(x).neg();
        }
    }

    /** L = mean_i [E(W, Y^i, X^i) + log Σ_y exp(−E(W, y, X^i))] (NLL, β = 1); metric "energy_correct". */
    static final class Nll implements Loss {
        @Override
        public LossOutput compute(Energy energy, Tensor x, Tensor y) {
            DiscreteEnergy d = (DiscreteEnergy) energy;
            Tensor all = d.energies(x);
            Indices labels = DiscreteEnergy.labels(y, d.answers());
            Tensor correct = all.gather(1, labels.reshape(labels.numel(), 1)).reshape(labels.numel());
            Tensor loss = correct.add(all.neg().logSumExp(1, false)).mean();
            return new LossOutput(loss, null, Map.of("energy_correct", (double) correct.mean().item()));
        }

        @Override
        public String name() {
            return "nll";
        }
    }

    /** Y* = argmin_y E(W, y, X) over all labels. */
    static final class Argmin implements Inference {
        @Override
        public InferenceResult infer(Energy energy, Tensor x) {
            Tensor all = ((DiscreteEnergy) energy).energies(x).detach();
            Indices best = all.neg().argmax(1);
            float[] y = new float[best.numel()];
            float[] e = new float[best.numel()];
            for (int i = 0; i < y.length; i++) {
                y[i] = best.get(i);
                e[i] = all.get(i, best.get(i));
            }
            return new InferenceResult(Tensor.vector(y), Tensor.vector(e), Map.of());
        }
    }

    /** E(W, Y, X) = (Y − (wX + b))², X and Y of shape [B, 1]. */
    static final class Quadratic extends Energy {
        private final Linear line;

        Quadratic(Rng rng) {
            line = child("line", new Linear(1, 1, rng));
        }

        @Override
        public Tensor energy(Tensor x, Tensor y) {
            return y.sub(line.forward(x)).square().reshape(y.shape(0));
        }
    }

    /** L = mean E(W, Y^i, X^i) (the energy loss; fine here: a parabola in Y cannot flatten). */
    static final class MeanEnergy implements Loss {
        @Override
        public LossOutput compute(Energy energy, Tensor x, Tensor y) {
            return new LossOutput(energy.energy(x, y).mean(), null, Map.of());
        }

        @Override
        public String name() {
            return "energy";
        }
    }

    /** Y* = the best of 401 grid points in [−2, 2] (spacing 0.01). */
    static final class Grid implements Inference {
        @Override
        public InferenceResult infer(Energy energy, Tensor x) {
            int b = x.shape(0);
            float[] best = new float[b];
            float[] low = new float[b];
            Arrays.fill(low, Float.POSITIVE_INFINITY);
            for (int g = 0; g <= 400; g++) {
                float v = -2 + g * 0.01f;
                float[] e = energy.energy(x, Tensor.full(v, b, 1)).toArray();
                for (int i = 0; i < b; i++) {
                    if (e[i] < low[i]) {
                        low[i] = e[i];
                        best[i] = v;
                    }
                }
            }
            return new InferenceResult(Tensor.of(best, b, 1), Tensor.vector(low), Map.of());
        }
    }

    /** Three Gaussian blobs in 2-D (centres 2 apart on a circle, std 0.5), labels 0..2 as floats. */
    static Dataset blobs(int n, Rng rng) {
        float[][] centres = {{2, 0}, {-1, 1.732f}, {-1, -1.732f}};
        float[] x = new float[2 * n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            y[i] = c;
            x[2 * i] = centres[c][0] + 0.5f * (float) rng.nextGaussian();
            x[2 * i + 1] = centres[c][1] + 0.5f * (float) rng.nextGaussian();
        }
        return new Dataset(Tensor.of(x, n, 2), Tensor.vector(y));
    }

    /** Y = 0.5 X + 0.2 + noise(0.05), X uniform in [−1, 1]; shapes [n, 1]. */
    static Dataset line(int n, Rng rng) {
        Tensor x = rng.uniform(-1, 1, n, 1);
        Tensor y = x.mul(0.5f).add(0.2f).add(rng.normal(0, 0.05f, n, 1));
        return new Dataset(x, y);
    }

    /** Every parameter's values, concatenated in state-dict order. */
    static float[] weights(Energy e) {
        return e.stateDict().values().stream().map(Tensor::toArray)
                .reduce(new float[0], (a, b) -> {
                    float[] out = Arrays.copyOf(a, a.length + b.length);
                    System.arraycopy(b, 0, out, a.length, b.length);
                    return out;
                });
    }
}
