package org.ebl4j.energy.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.energy.Energy;
import org.ebl4j.energy.architecture.ImplicitRegression;
import org.ebl4j.energy.architecture.MulticlassClassifier;
import org.ebl4j.nn.Linear;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract every loss of the table keeps: one parameterised run per loss. */
class LossContractTest {
    /** Energies 0.4 or more apart, so no argmin changes under GradCheck's ±0.01 and no hinge sits at a kink. */
    private static final float[][] TABLE = {
        {1.0f, 2.3f, 0.4f, 3.1f},
        {2.2f, 0.7f, 1.6f, 2.9f},
        {0.3f, 1.9f, 2.6f, 1.2f},
    };
    private static final Tensor LABELS = Tensor.vector(0, 2, 0);
    private static final float[] DISTANCES = {0.4f, 1.3f, 2.2f, 0.9f, 3.5f, 1.7f};
    private static final Tensor IMPOSTOR = Tensor.vector(0, 1, 0, 1, 1, 0);

    static Stream<Loss> losses() {
        return Stream.of(new EnergyLoss(), new PerceptronLoss(), new HingeLoss(1f), new LogLoss(), new Lvq2Loss(2f),
                new MceLoss(), new SquareSquareLoss(1f), new SquareExponentialLoss(0.5f),
                new NegativeLogLikelihoodLoss(2f), new ContrastiveLoss(4f), new DrLimLoss(1.5f));
    }

    /** The answers' energies this loss reads (a [3, 4] table, or 6 pair energies), as a fresh leaf. */
    private static Tensor energies(Loss loss) {
        return loss instanceof PairwiseContrastiveLoss ? Tensor.vector(DISTANCES.clone()) : Tensor.matrix(TABLE);
    }

    private static LossOutput onEnergies(Loss loss, Tensor energies) {
        if (loss instanceof PairwiseContrastiveLoss pairs) {
            return pairs.compute(energies, IMPOSTOR);
        }
        return loss.compute(new TableEnergy(energies), null, LABELS);
    }

    /** A small network energy with parameters: a linear multiclass classifier, or a linear Siamese net. */
    private record Fixture(Energy energy, Linear layer, Tensor x, Tensor y) {
        static Fixture of(Loss loss) {
            Rng rng = new Rng(7);
            if (loss instanceof PairwiseContrastiveLoss) {
                Linear g = new Linear(3, 2, rng);
                return new Fixture(new ImplicitRegression(g, g), g, rng.normal(0f, 1f, 6, 2, 3), IMPOSTOR);
            }
            Linear g = new Linear(3, 4, rng);
            return new Fixture(new MulticlassClassifier(g, 4), g, rng.normal(0f, 1f, 6, 3),
                    Tensor.vector(0, 1, 2, 3, 1, 0));
        }

        LossOutput run(Loss loss) {
            return loss.compute(energy, x, y);
        }
    }

    @Test
    void namesAreTheTablesNames() {
        List<String> names = losses().map(Loss::name).collect(Collectors.toList());
        assertEquals(List.of("energy", "perceptron", "hinge", "log", "lvq2", "mce", "square-square",
                "square-exponential", "nll", "contrastive", "drlim"), names);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void scalarFiniteWithMetrics(Loss loss) {
        for (LossOutput out : List.of(onEnergies(loss, energies(loss)), Fixture.of(loss).run(loss))) {
            assertEquals(0, out.loss().dim(), "a scalar");
            assertTrue(Float.isFinite(out.loss().item()), "finite");
            assertTrue(out.metrics().containsKey("energy_correct"), out.metrics().toString());
            if (!(loss instanceof EnergyLoss)) {
                assertTrue(out.metrics().containsKey("energy_contrastive"), out.metrics().toString());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void nonNegativeOnNonNegativeEnergies(Loss loss) {
        Rng rng = new Rng(3);
        for (int trial = 0; trial < 20; trial++) {
            Tensor e = loss instanceof PairwiseContrastiveLoss ? rng.uniform(0f, 4f, 6) : rng.uniform(0f, 3f, 3, 4);
            float value = onEnergies(loss, e).loss().item();
            assertTrue(value >= 0, loss.name() + " gave " + value);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void positiveWhenAnIncorrectAnswerIsLowest(Loss loss) {
        // every sample's correct answer (label 0) is 1 above an incorrect one; impostors sit at distance 0
        float value = loss instanceof PairwiseContrastiveLoss p
                ? p.compute(Tensor.vector(0.5f, 0f), Tensor.vector(0, 1)).loss().item()
                : loss.compute(TableEnergy.of(new float[][] {{1.5f, 0.5f, 2f}, {2f, 3f, 1f}}), null,
                        Tensor.vector(0, 0)).loss().item();
        assertTrue(value > 0, loss.name() + " gave " + value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void gradientWithRespectToEnergies(Loss loss) {
        GradCheck.Result r = GradCheck.check(in -> onEnergies(loss, in[0]).loss(), energies(loss));
        assertTrue(r.passed(), loss.name() + ": " + r);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void gradientWithRespectToParameters(Loss loss) {
        Fixture f = Fixture.of(loss);
        GradCheck.Result r = GradCheck.check(in -> f.run(loss).loss(), f.layer().weight(), f.layer().bias());
        assertTrue(r.passed(), loss.name() + ": " + r);
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                bad(() -> new HingeLoss(0f), "HingeLoss: margin m must be finite and > 0, got 0.0"),
                bad(() -> new HingeLoss(-1f), "HingeLoss: margin m must be finite and > 0, got -1.0"),
                bad(() -> new HingeLoss(1f, null), "selector is null"),
                bad(() -> new Lvq2Loss(0f), "Lvq2Loss: saturation M must be finite and > 0"),
                bad(() -> new SquareSquareLoss(Float.NaN), "SquareSquareLoss: margin m must be finite and > 0"),
                bad(() -> new SquareExponentialLoss(-2f), "SquareExponentialLoss: gamma must be finite and > 0"),
                bad(() -> new NegativeLogLikelihoodLoss(0f), "NegativeLogLikelihoodLoss: beta must be finite and > 0"),
                bad(() -> new NegativeLogLikelihoodLoss(Float.POSITIVE_INFINITY), "beta must be finite and > 0"),
                bad(() -> new NegativeLogLikelihoodLoss(1f, null), "log-partition strategy is null"),
                bad(() -> new ContrastiveLoss(0f), "ContrastiveLoss: upper bound Q must be finite and > 0"),
                bad(() -> new DrLimLoss(-0.5f), "DrLimLoss: margin m must be finite and > 0"),
                bad(() -> new PerceptronLoss(null), "PerceptronLoss: inference is null"),
                bad(() -> new QuadratureLogPartition(Tensor.zeros(4, 1), 0f), "cellVolume must be finite and > 0"),
                bad(() -> new SampledLogPartition(null, 1, 1), "sampler is null"));
    }

    private static Arguments bad(Supplier<Object> construct, String message) {
        return Arguments.of(construct, message);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badSettings")
    void rejectsBadHyperParameters(Supplier<Object> construct, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construct::get);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void rejectsMisusedEnergiesAndLabels() {
        Energy continuous = new ImplicitRegression(new Linear(1, 1, new Rng(1)), new Linear(1, 1, new Rng(2)));
        Tensor x = Tensor.zeros(2, 1);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new PerceptronLoss().compute(continuous, x, x)).getMessage()
                .contains("give PerceptronLoss an Inference"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new NegativeLogLikelihoodLoss(1f).compute(continuous, x, x)).getMessage()
                .contains("ExactLogPartition: needs a DiscreteEnergy"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new DrLimLoss(1f).compute(Tensor.vector(1f, 2f), Tensor.vector(0, 2))).getMessage()
                .contains("impostor label 1 is 2.0, expected 0 (genuine pair) or 1 (impostor pair)"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new DrLimLoss(1f).compute(Tensor.vector(1f, 2f), Tensor.vector(0))).getMessage()
                .contains("must both have shape [B]"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new ContrastiveLoss(1f).compute(continuous, x, Tensor.vector(0, 1))).getMessage()
                .contains("pairs must be stacked as [B, 2, ...]"));
    }
}
