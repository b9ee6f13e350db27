package org.ebl4j.structured.dtw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.energy.DiscreteEnergy;
import org.ebl4j.energy.loss.HingeLoss;
import org.ebl4j.energy.loss.Loss;
import org.ebl4j.energy.loss.Lvq2Loss;
import org.ebl4j.energy.loss.NegativeLogLikelihoodLoss;
import org.ebl4j.energy.loss.PerceptronLoss;
import org.ebl4j.energy.train.Dataset;
import org.ebl4j.energy.train.Trainer;
import org.ebl4j.optim.Sgd;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The elastic-template energy: its energies are the (soft-)min over templates and warping paths (checked by
 * enumeration), its gradients pass finite differences, and LVQ2 (and NLL over soft-DTW) training on generated
 * spoken words beats the templates it started from.
 */
class ElasticTemplateEnergyTest {
    private static final DynamicTimeWarping DTW = new DynamicTimeWarping(StepPattern.SYMMETRIC1);

    /** K classes × M templates of random lengths 2..4, D = 2. */
    private static List<List<Tensor>> randomTemplates(Rng rng, int classes, int perClass) {
        List<List<Tensor>> out = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            List<Tensor> mine = new ArrayList<>();
            for (int k = 0; k < perClass; k++) {
                mine.add(rng.normal(0f, 1f, 2 + rng.nextInt(3), 2));
            }
            out.add(mine);
        }
        return out;
    }

    /** Sequences of the given lengths, D = 2, NaN-padded. */
    private static Tensor sequences(Rng rng, int... lengths) {
        List<Tensor> s = new ArrayList<>();
        for (int n : lengths) {
            s.add(rng.normal(0f, 1f, n, 2));
        }
        return PaddedSequences.pad(s);
    }

    /** Every warping path of sequence b with every template of class y, by brute force. */
    private static List<WarpingPaths.Enumerated> paths(ElasticTemplateEnergy e, Tensor seq, int y) {
        List<WarpingPaths.Enumerated> all = new ArrayList<>();
        for (int k = 0; k < e.templatesPerClass(); k++) {
            Tensor t = e.template(y, k);
            int n = seq.shape(0);
            int m = t.shape(0);
            all.addAll(WarpingPaths.all(DTW, DynamicTimeWarping.localDistances(seq.toArray(), 0, n, t.toArray(), 0, m,
                    2), n, m));
        }
        return all;
    }

    @Test
    void energiesAreTheMinAndTheFreeEnergyOverTemplatesAndPaths() {
        Rng rng = new Rng(1);
        List<List<Tensor>> templates = randomTemplates(rng, 3, 2);
        Tensor x = sequences(rng, 3, 5, 4);
        List<Tensor> seqs = PaddedSequences.unpad(x);
        ElasticTemplateEnergy hard = new ElasticTemplateEnergy(templates, DTW, Double.POSITIVE_INFINITY);
        float[] e = hard.energies(x).toArray();
        for (double beta : new double[] {0.5, 3}) {
            ElasticTemplateEnergy soft = new ElasticTemplateEnergy(templates, DTW, beta);
            float[] f = soft.energies(x).toArray();
            for (int b = 0; b < 3; b++) {
                for (int y = 0; y < 3; y++) {
                    List<WarpingPaths.Enumerated> all = paths(hard, seqs.get(b), y);
                    double min = all.stream().mapToDouble(WarpingPaths.Enumerated::energy).min().orElseThrow();
                    assertEquals(min, e[b * 3 + y], 1e-4 * (1 + min));
                    double free = WarpingPaths.softMin(all, beta);
                    assertEquals(free, f[b * 3 + y], 1e-4 * (1 + Math.abs(free)), "beta " + beta);
                }
            }
        }
        // the energies of given answers, and exhaustive inference over the K classes, as for any DiscreteEnergy
        Tensor y = Tensor.vector(2, 0, 1);
        float[] picked = hard.energy(x, y).toArray();
        assertEquals(e[2], picked[0], 0);
        assertEquals(e[3], picked[1], 0);
        assertEquals(e[7], picked[2], 0);
    }

    @Test
    void hardGradientsMatchFiniteDifferencesAwayFromTies() {
        Rng rng = new Rng(2);
        ElasticTemplateEnergy e = new ElasticTemplateEnergy(randomTemplates(rng, 2, 2), DTW, Double.POSITIVE_INFINITY);
        Tensor x = sequences(rng, 4, 2, 5);
        GradCheck.Result templates = GradCheck.check(in -> e.energies(x), 1e-3, 5e-3, 1e-2,
                e.parameters().toArray(new Tensor[0]));
        assertTrue(templates.passed(), templates.toString());
        Tensor equal = sequences(rng, 4, 4);
        GradCheck.Result inputs = GradCheck.check(in -> e.energies(in[0]), 1e-3, 5e-3, 1e-2, equal);
        assertTrue(inputs.passed(), inputs.toString());
    }

    @Test
    void softGradientsMatchFiniteDifferences() {
        Rng rng = new Rng(3);
        ElasticTemplateEnergy e = new ElasticTemplateEnergy(randomTemplates(rng, 2, 2), DTW, 0.7);
        Tensor x = sequences(rng, 3, 5);
        GradCheck.Result templates = GradCheck.check(in -> e.energies(x), 1e-2, 2e-3, 1e-2,
                e.parameters().toArray(new Tensor[0]));
        assertTrue(templates.passed(), templates.toString());
        Tensor equal = sequences(rng, 3, 3);
        GradCheck.Result inputs = GradCheck.check(in -> e.energies(in[0]), 1e-2, 2e-3, 1e-2, equal);
        assertTrue(inputs.passed(), inputs.toString());
    }

    @Test
    void paddingFramesGetZeroGradientAndNoNaN() {
        Rng rng = new Rng(4);
        ElasticTemplateEnergy e = new ElasticTemplateEnergy(randomTemplates(rng, 2, 1), DTW, 1.0);
        Tensor x = sequences(rng, 2, 5).requiresGrad(true);
        e.energies(x).sum().backward();
        float[] g = x.grad().toArray();
        for (int k = 0; k < g.length; k++) {
            assertFalse(Float.isNaN(g[k]), "gradient entry " + k);
        }
        for (int k = 4; k < 10; k++) {
            assertEquals(0f, g[k], 0, "padding entry " + k); // sequence 0 has 2 frames of 2 values in a 5-frame row
        }
        for (Tensor t : e.parameters()) {
            for (float v : t.grad().toArray()) {
                assertTrue(Float.isFinite(v));
            }
        }
    }

    @Test
    void noGraphIsRecordedUnderNoGrad() {
        Rng rng = new Rng(5);
        ElasticTemplateEnergy e = new ElasticTemplateEnergy(randomTemplates(rng, 2, 1), DTW, Double.POSITIVE_INFINITY);
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            assertEquals(null, e.energies(sequences(rng, 3)).gradFn());
        }
    }

    @Test
    void lossesOfTheTableTrainTheTemplatesBeyondTheExamplesTheyStartFrom() {
        SyntheticSpokenWords words = new SyntheticSpokenWords(8, 30, 1.0, 0.6, 2);
        Dataset train = words.sample(15, new Rng(102));
        Dataset test = words.sample(40, new Rng(202));
        // measured: examples 0.731; after 8 epochs LVQ2 0.825, hinge 0.869, perceptron 0.822; random templates 0.038
        double initial = accuracy(fromExamples(train, Double.POSITIVE_INFINITY), test);
        assertEquals(0.731, initial, 0.01);
        for (Loss loss : List.of(new Lvq2Loss(20), new HingeLoss(10), new PerceptronLoss())) {
            ElasticTemplateEnergy e = fromExamples(train, Double.POSITIVE_INFINITY);
            train(e, loss, train, 8);
            double trained = accuracy(e, test);
            assertTrue(trained > initial + 0.07, loss.name() + ": " + initial + " -> " + trained);
        }
        List<List<Tensor>> noise = new ArrayList<>();
        Rng rng = new Rng(2);
        for (int c = 0; c < 8; c++) {
            noise.add(List.of(rng.normal(0f, 1f, 30, 2)));
        }
        double random = accuracy(new ElasticTemplateEnergy(noise, DTW, Double.POSITIVE_INFINITY), test);
        assertTrue(random < 0.2, "random templates: " + random);
    }

    @Test
    void negativeLogLikelihoodOverSoftDtwLearnsFromRandomTemplates() {
        SyntheticSpokenWords words = new SyntheticSpokenWords(4, 20, 1.0, 0.6, 3);
        Dataset train = words.sample(10, new Rng(103));
        Dataset test = words.sample(30, new Rng(203));
        List<List<Tensor>> noise = new ArrayList<>();
        Rng rng = new Rng(3);
        for (int c = 0; c < 4; c++) {
            noise.add(List.of(rng.normal(0f, 1f, 20, 2)));
        }
        ElasticTemplateEnergy e = new ElasticTemplateEnergy(noise, DTW, 0.2);
        double before = accuracy(e, test);
        train(e, new NegativeLogLikelihoodLoss(0.2f), train, 8);
        double after = accuracy(e, test);
        // measured: 0.142 -> 0.833
        assertTrue(before < 0.4 && after > 0.7, before + " -> " + after);
    }

    private static ElasticTemplateEnergy fromExamples(Dataset train, double beta) {
        return new ElasticTemplateEnergy(ElasticTemplateEnergy.templatesFromExamples(train.x(), train.y(), 8, 1), DTW,
                beta);
    }

    private static void train(ElasticTemplateEnergy e, Loss loss, Dataset data, int epochs) {
        Trainer.builder(e, loss, new Sgd(e.parameters(), 0.05)).epochs(epochs).batchSize(16).seed(1).build()
                .fit(data);
    }

    private static double accuracy(DiscreteEnergy e, Dataset data) {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            float[] found = DiscreteEnergy.argmin(e.energies(data.x())).toArray();
            float[] y = data.y().toArray();
            int right = 0;
            for (int i = 0; i < y.length; i++) {
                right += found[i] == y[i] ? 1 : 0;
            }
            return (double) right / y.length;
        }
    }

    @Test
    void rejectsBadTemplatesAndInputs() {
        Rng rng = new Rng(6);
        assertThrows(IllegalArgumentException.class, () -> new ElasticTemplateEnergy(List.of(), DTW, 1));
        assertThrows(IllegalArgumentException.class, () -> new ElasticTemplateEnergy(
                List.of(List.of(rng.normal(0f, 1f, 3, 2)), List.of(rng.normal(0f, 1f, 3, 3))), DTW, 1));
        assertThrows(IllegalArgumentException.class, () -> new ElasticTemplateEnergy(
                List.of(List.of(rng.normal(0f, 1f, 3, 2)), List.of()), DTW, 1));
        assertThrows(IllegalArgumentException.class, () -> new ElasticTemplateEnergy(randomTemplates(rng, 2, 1), DTW,
                0));
        ElasticTemplateEnergy e = new ElasticTemplateEnergy(randomTemplates(rng, 2, 1), DTW, 1);
        assertThrows(IllegalArgumentException.class, () -> e.energies(rng.normal(0f, 1f, 2, 3, 3)));
        assertThrows(IllegalArgumentException.class, () -> e.energies(rng.normal(0f, 1f, 3, 2)));
        assertThrows(IllegalArgumentException.class, () -> ElasticTemplateEnergy.templatesFromExamples(
                sequences(rng, 2, 3), Tensor.vector(0, 0), 2, 1));
    }
}
