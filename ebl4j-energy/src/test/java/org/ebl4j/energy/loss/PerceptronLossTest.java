package org.ebl4j.energy.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.DiscreteEnergy;
import org.ebl4j.energy.Domain;
import org.ebl4j.energy.Energy;
import org.ebl4j.energy.architecture.BinaryClassifier;
import org.ebl4j.energy.architecture.MulticlassClassifier;
import org.ebl4j.energy.inference.GradientDescent;
import org.ebl4j.nn.Linear;
import org.ebl4j.optim.Sgd;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PerceptronLossTest {
    /** n points in 2-D labelled by which of {@code centres} is nearest, kept only if 0.3 closer than the runner-up. */
    private static Tensor[] separable(int n, float[][] centres, long seed) {
        Rng rng = new Rng(seed);
        float[] xs = new float[n * 2];
        float[] ls = new float[n];
        int kept = 0;
        while (kept < n) {
            float a = (float) (4 * rng.nextDouble() - 2);
            float b = (float) (4 * rng.nextDouble() - 2);
            int best = 0;
            double[] dist = new double[centres.length];
            for (int k = 0; k < centres.length; k++) {
                dist[k] = Math.hypot(a - centres[k][0], b - centres[k][1]);
                best = dist[k] < dist[best] ? k : best;
            }
            double second = Double.POSITIVE_INFINITY;
            for (int k = 0; k < centres.length; k++) {
                second = k == best ? second : Math.min(second, dist[k]);
            }
            if (second - dist[best] > 0.3) {
                xs[2 * kept] = a;
                xs[2 * kept + 1] = b;
                ls[kept++] = best;
            }
        }
        return new Tensor[] {Tensor.of(xs, n, 2), Tensor.of(ls, n)};
    }

    /** Full-batch training with the perceptron loss until it is zero; returns the epochs used. */
    private static int trainToZero(DiscreteEnergy model, Tensor x, Tensor y) {
        PerceptronLoss perceptron = new PerceptronLoss();
        Sgd sgd = new Sgd(model.parameters(), 0.5);
        for (int epoch = 0; epoch < 2000; epoch++) {
            sgd.zeroGrad();
            Tensor loss = perceptron.compute(model, x, y).loss();
            if (loss.item() == 0f) {
                return epoch;
            }
            loss.backward();
            sgd.step();
        }
        return -1;
    }

    private static int errors(DiscreteEnergy model, Tensor x, Tensor y) {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            Tensor e = model.energies(x);
            int[] labels = DiscreteEnergy.labels(y, model.answers()).data();
            int wrong = 0;
            for (int i = 0; i < labels.length; i++) {
                for (int k = 0; k < model.answers(); k++) {
                    // strictly lowest: a tie would make the loss zero without a correct answer
                    wrong += k != labels[i] && e.get(i, k) <= e.get(i, labels[i]) ? 1 : 0;
                }
            }
            return wrong;
        }
    }

    @Test
    void separatesLinearlySeparableBinaryData() {
        Tensor[] data = separable(200, new float[][] {{-1f, -0.5f}, {1f, 0.7f}}, 4);
        BinaryClassifier model = new BinaryClassifier(new Linear(2, 1, new Rng(2)));
        assertTrue(errors(model, data[0], data[1]) > 0, "the initial classifier makes errors");
        int epochs = trainToZero(model, data[0], data[1]);
        assertTrue(epochs >= 0, "the perceptron loss reached zero");
        assertEquals(0, errors(model, data[0], data[1]));
    }

    @Test
    void separatesLinearlySeparableMulticlassData() {
        Tensor[] data = separable(300, new float[][] {{-1f, -1f}, {1f, -1f}, {0f, 1.2f}}, 8);
        MulticlassClassifier model = new MulticlassClassifier(new Linear(2, 3, new Rng(3)), 3);
        assertTrue(errors(model, data[0], data[1]) > 0, "the initial classifier makes errors");
        assertTrue(trainToZero(model, data[0], data[1]) >= 0, "the perceptron loss reached zero");
        assertEquals(0, errors(model, data[0], data[1]));
    }

    /**
     * E(w, y, x) = ½y² − w·x·y + ½w²: inference gives y* = w·x and min_y E = ½w²(1 − x²), so the perceptron loss is
     * ½(y − w·x)² and its derivative −(y − w·x)·x: the min term's gradient must come through E(W, Y*, X).
     */
    private static final class Quadratic extends Energy {
        final Tensor w = parameter("w", Tensor.scalar(0.7f));

        @Override
        public Tensor energy(Tensor x, Tensor y) {
            return y.square().mul(0.5f).sub(y.mul(x).mul(w)).add(w.square().mul(0.5f)).sum(1, false);
        }
    }

    @Test
    void continuousAnswersUseTheInferenceAndDifferentiateTheMinimum() {
        Quadratic energy = new Quadratic();
        Tensor x = Tensor.of(new float[] {0.5f, -1.2f, 2f}, 3, 1);
        Tensor y = Tensor.of(new float[] {1f, 0.3f, -0.4f}, 3, 1);
        GradientDescent search = new GradientDescent(Domain.unbounded(1), new Rng(1)).restarts(2).tolerance(1e-6);
        LossOutput out = new PerceptronLoss(search).compute(energy, x, y);
        out.loss().backward();
        double w = 0.7;
        double value = 0;
        double grad = 0;
        for (int i = 0; i < 3; i++) {
            double xi = x.get(i, 0);
            double r = y.get(i, 0) - w * xi;
            value += 0.5 * r * r / 3;
            grad += -r * xi / 3;
            assertEquals(w * xi, out.contrastive().get(i, 0), 1e-4, "Y* of sample " + i);
        }
        assertEquals(value, out.loss().item(), 1e-5);
        assertEquals(grad, energy.w.grad().item(), 1e-4);
    }
}
