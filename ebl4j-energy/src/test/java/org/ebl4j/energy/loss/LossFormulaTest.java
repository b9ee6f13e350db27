package org.ebl4j.energy.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Every loss of the table on hand-computed energies. Three samples, three answers:
 * <pre>
 *   row 0: E = [1.0, 3.0, 0.5], correct 0 → E⁺ = 1.0, Ȳ = 2, Ē = 0.5, E⁺ − Ē =  0.5, min E = 0.5 (Y* = 2)
 *   row 1: E = [2.0, 1.5, 4.0], correct 2 → E⁺ = 4.0, Ȳ = 1, Ē = 1.5, E⁺ − Ē =  2.5, min E = 1.5 (Y* = 1)
 *   row 2: E = [0.2, 2.0, 3.0], correct 0 → E⁺ = 0.2, Ȳ = 1, Ē = 2.0, E⁺ − Ē = −1.8, min E = 0.2 (Y* = 0)
 * </pre>
 */
class LossFormulaTest {
    private static final float[][] TABLE = {{1.0f, 3.0f, 0.5f}, {2.0f, 1.5f, 4.0f}, {0.2f, 2.0f, 3.0f}};
    private static final Tensor LABELS = Tensor.vector(0, 2, 0);
    private static final double TOL = 2e-6;

    private static LossOutput run(Loss loss) {
        return loss.compute(TableEnergy.of(TABLE), null, LABELS);
    }

    private static double value(Loss loss) {
        return run(loss).loss().item();
    }

    private static double softplus(double u) {
        return Math.log1p(Math.exp(u));
    }

    private static double sigmoid(double u) {
        return 1 / (1 + Math.exp(-u));
    }

    @Test
    void energyLossIsTheMeanCorrectEnergy() {
        LossOutput out = run(new EnergyLoss());
        assertEquals((1.0 + 4.0 + 0.2) / 3, out.loss().item(), TOL);
        assertNull(out.contrastive());
        assertEquals((1.0 + 4.0 + 0.2) / 3, out.metrics().get("energy_correct"), TOL);
    }

    @Test
    void perceptronLossSubtractsTheLowestEnergy() {
        LossOutput out = run(new PerceptronLoss());
        assertEquals(((1.0 - 0.5) + (4.0 - 1.5) + (0.2 - 0.2)) / 3, out.loss().item(), TOL);
        assertArrayEquals(new float[] {2, 1, 0}, out.contrastive().toArray());
        assertEquals((0.5 + 1.5 + 0.2) / 3, out.metrics().get("energy_contrastive"), TOL);
    }

    @Test
    void marginLossesUseTheMostOffendingIncorrectAnswer() {
        LossOutput out = run(new HingeLoss(1f));
        assertArrayEquals(new float[] {2, 1, 1}, out.contrastive().toArray());
        assertEquals((1.0 + 4.0 + 0.2) / 3, out.metrics().get("energy_correct"), TOL);
        assertEquals((0.5 + 1.5 + 2.0) / 3, out.metrics().get("energy_contrastive"), TOL);
    }

    @Test
    void hinge() {
        assertEquals((Math.max(0, 1 + 0.5) + Math.max(0, 1 + 2.5) + Math.max(0, 1 - 1.8)) / 3,
                value(new HingeLoss(1f)), TOL);
        assertEquals((Math.max(0, 2 + 0.5) + Math.max(0, 2 + 2.5) + Math.max(0, 2 - 1.8)) / 3,
                value(new HingeLoss(2f)), TOL);
    }

    @Test
    void log() {
        assertEquals((softplus(0.5) + softplus(2.5) + softplus(-1.8)) / 3, value(new LogLoss()), TOL);
    }

    @Test
    void lvq2() {
        assertEquals((0.5 + 2.0 + 0.0) / 3, value(new Lvq2Loss(2f)), TOL);
        assertEquals((0.5 + 1.0 + 0.0) / 3, value(new Lvq2Loss(1f)), TOL);
    }

    @Test
    void mce() {
        assertEquals((sigmoid(0.5) + sigmoid(2.5) + sigmoid(-1.8)) / 3, value(new MceLoss()), TOL);
    }

    @Test
    void squareSquare() {
        double m = 1.0;
        double expected = (1.0 * 1.0 + Math.pow(Math.max(0, m - 0.5), 2)
                + 4.0 * 4.0 + Math.pow(Math.max(0, m - 1.5), 2)
                + 0.2 * 0.2 + Math.pow(Math.max(0, m - 2.0), 2)) / 3;
        assertEquals(expected, value(new SquareSquareLoss(1f)), 4 * TOL);
    }

    @Test
    void squareExponential() {
        double g = 0.5;
        double expected = (1.0 + g * Math.exp(-0.5) + 16.0 + g * Math.exp(-1.5) + 0.04 + g * Math.exp(-2.0)) / 3;
        assertEquals(expected, value(new SquareExponentialLoss(0.5f)), 4 * TOL);
    }

    @Test
    void negativeLogLikelihood() {
        for (double b : new double[] {0.5, 1, 3}) {
            double expected = (1.0 + Math.log(Math.exp(-b * 1.0) + Math.exp(-b * 3.0) + Math.exp(-b * 0.5)) / b
                    + 4.0 + Math.log(Math.exp(-b * 2.0) + Math.exp(-b * 1.5) + Math.exp(-b * 4.0)) / b
                    + 0.2 + Math.log(Math.exp(-b * 0.2) + Math.exp(-b * 2.0) + Math.exp(-b * 3.0)) / b) / 3;
            LossOutput out = run(new NegativeLogLikelihoodLoss((float) b));
            assertEquals(expected, out.loss().item(), 4 * TOL, "beta " + b);
            assertNull(out.contrastive());
        }
    }

    @Test
    void contrastiveLossOfChopraHadsellLeCun() {
        // pair energies 0.5, 2 (genuine) and 1, 3 (impostor), Q = 4
        Tensor e = Tensor.vector(0.5f, 2f, 1f, 3f);
        Tensor impostor = Tensor.vector(0, 0, 1, 1);
        double q = 4;
        double expected = (2 / q * 0.25 + 2 / q * 4
                + 2 * q * Math.exp(-2.77 * 1 / q) + 2 * q * Math.exp(-2.77 * 3 / q)) / 4;
        LossOutput out = new ContrastiveLoss(4f).compute(e, impostor);
        assertEquals(expected, out.loss().item(), 4 * TOL);
        assertEquals(1.25, out.metrics().get("energy_correct"), TOL);
        assertEquals(2.0, out.metrics().get("energy_contrastive"), TOL);
        assertNull(out.contrastive());
    }

    @Test
    void drLimLossOfHadsellChopraLeCun() {
        Tensor d = Tensor.vector(0.5f, 2f, 1f, 3f);
        Tensor impostor = Tensor.vector(0, 0, 1, 1);
        double m = 2;
        double expected = (0.5 * 0.25 + 0.5 * 4 + 0.5 * Math.pow(Math.max(0, m - 1), 2)
                + 0.5 * Math.pow(Math.max(0, m - 3), 2)) / 4;
        assertEquals(expected, new DrLimLoss(2f).compute(d, impostor).loss().item(), TOL);
    }

    @Test
    void lossesVanishOnlyWhereTheirFormulaSays() {
        // correct answer at energy 0, every other at least 3 above: beyond the margins m = 1 and M = 2
        float[][] separated = {{0f, 3f, 5f}, {4f, 3.5f, 0f}};
        Tensor labels = Tensor.vector(0, 2);
        TableEnergy e = TableEnergy.of(separated);
        for (Loss zero : new Loss[] {new EnergyLoss(), new PerceptronLoss(), new HingeLoss(1f), new Lvq2Loss(2f),
                new SquareSquareLoss(1f)}) {
            assertEquals(0.0, zero.compute(e, null, labels).loss().item(), 0.0, zero.name());
        }
        // the smooth losses never reach zero: log, MCE and square-exponential are e^{-3}-ish, NLL e^{-3β}/β-ish
        assertEquals((softplus(-3) + softplus(-3.5)) / 2, new LogLoss().compute(e, null, labels).loss().item(), TOL);
        assertEquals((sigmoid(-3) + sigmoid(-3.5)) / 2, new MceLoss().compute(e, null, labels).loss().item(), TOL);
        assertEquals((Math.exp(-3) + Math.exp(-3.5)) / 2,
                new SquareExponentialLoss(1f).compute(e, null, labels).loss().item(), TOL);
        // hinge is zero exactly from Ē ≥ E⁺ + m on, and grows linearly below
        TableEnergy atMargin = TableEnergy.of(new float[][] {{0f, 1f}, {0.25f, 0f}});
        assertEquals((0 + (1 + 0.25 - 0)) / 2.0,
                new HingeLoss(1f).compute(atMargin, null, Tensor.vector(0, 0)).loss().item(), TOL);
        // DrLIM: genuine pairs at distance 0 and impostors beyond the margin cost nothing
        assertEquals(0.0, new DrLimLoss(1f).compute(Tensor.vector(0f, 1.5f), Tensor.vector(0, 1)).loss().item(), 0.0);
    }
}
