package org.ebl4j.unsupervised.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * LISTA: untrained it is ISTA; its gradient matches finite differences; trained on optimal codes it predicts them
 * better in 3 steps than FISTA does in 10 iterations (Gregor &amp; LeCun 2010 report LISTA with 1 step as good as
 * FISTA with ~18 on natural image patches).
 */
class ListaTest {
    private static SparseCodingEnergy energy() {
        return UnrolledEncoderFixtures.energy();
    }

    private static double error(Tensor z, Tensor target) {
        return UnrolledEncoderFixtures.error(z, target);
    }

    @Test
    void untrainedItIsIstaWithOneMoreIteration() {
        SparseCodingEnergy e = energy();
        Tensor y = DictionaryLearningTest.Synthetic.generate(200, 3).data();
        for (int steps : new int[] {0, 1, 4}) {
            Lista lista = new Lista(e, steps);
            Tensor ista = new Ista(steps + 1, 0).infer(e, y, null).codes();
            double scale = ista.abs().reshape(-1).max(0, false).item();
            try (Autodiff.Scope s = Autodiff.noGrad()) {
                assertEquals(0, lista.encode(y).sub(ista).abs().reshape(-1).max(0, false).item(), 1e-5 * scale,
                        "T = " + steps);
            }
            double[] objective = lista.infer(e, y, null).objective();
            assertEquals(steps + 1, objective.length);
            for (int t = 1; t < objective.length; t++) {
                assertTrue(objective[t] <= objective[t - 1] + 1e-6, "ISTA never raises the objective: " + t);
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        UnrolledEncoderFixtures.assertGradientsMatch(new Lista(energy(), 2), 3);
    }

    @Test
    void trainedOnOptimalCodesThreeStepsBeatTenFistaIterations() {
        SparseCodingEnergy e = energy();
        UnrolledEncoderFixtures.Problem p = UnrolledEncoderFixtures.Problem.of(e);
        Tensor fit = p.fit();
        Tensor test = p.test();
        Tensor targetFit = p.fitCodes();
        Tensor targetTest = p.testCodes();
        Lista lista = new Lista(e, 3);
        double before = error(lista.encode(test), targetTest);
        double[] history = lista.fit(fit, targetFit, 40, 50, 3e-3, 11);
        double after = error(lista.infer(e, test, null).codes(), targetTest);
        double fista10 = error(new Fista(10, 0).infer(e, test, null).codes(), targetTest);
        System.out.printf("LISTA T=3 held-out code error: %.5f untrained (= ISTA-4), %.5f trained; FISTA-10 %.5f;"
                + " training loss %.5f -> %.5f%n", before, after, fista10, history[0], history[history.length - 1]);
        assertTrue(history[history.length - 1] < history[0] / 3, "training lowers the loss");
        assertTrue(after < fista10, "LISTA-3 " + after + " vs FISTA-10 " + fista10);
        assertTrue(after < before / 5, "trained " + after + " vs untrained " + before);
    }

    @Test
    void rejectsBadArguments() {
        SparseCodingEnergy e = energy();
        assertThrows(IllegalArgumentException.class, () -> new Lista(e, -1));
        Lista lista = new Lista(e, 2);
        assertThrows(IllegalArgumentException.class, () -> lista.encode(Tensor.zeros(3, 5)));
        assertThrows(IllegalArgumentException.class, () -> lista.fit(Tensor.zeros(4, 20), Tensor.zeros(3, 30), 1, 2,
                0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> lista.infer(new SparseCodingEnergy(20, 31, 0.1,
                new Rng(1)), Tensor.zeros(2, 20), null));
    }
}
