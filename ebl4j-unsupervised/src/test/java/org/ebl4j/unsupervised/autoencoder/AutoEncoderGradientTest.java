package org.ebl4j.unsupervised.autoencoder;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;

import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.nn.Linear;
import org.ebl4j.nn.Sequential;
import org.ebl4j.nn.Shrinkage;
import org.ebl4j.nn.Tanh;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Finite-difference checks of every auto-encoder's energy and training objective w.r.t. its parameters. */
class AutoEncoderGradientTest {
    static final int IN = 3;
    static final int CODE = 4;

    static Tensor data() {
        return new Rng(1).normal(0f, 1f, 4, IN);
    }

    /** A fixed (noise-free) corruption, so that the denoising objective is a deterministic function. */
    static final Corruption SHIFT = (y, rng) -> y.detach().add(0.1f);

    /** One model of each kind, each with its own seed (chosen so that no pre-activation sits within h of a kink). */
    static List<AutoEncoder> models() {
        return List.of(
                new AutoEncoder(new Sequential(new Linear(IN, CODE, new Rng(2)), new Tanh()),
                        new Linear(CODE, IN, new Rng(3))),
                new SparseAutoEncoder(new Sequential(new Linear(IN, CODE, new Rng(4)), new Shrinkage(CODE, 0.05f)),
                        new Linear(CODE, IN, new Rng(5)), 0.3),
                new DenoisingAutoEncoder(new Sequential(new Linear(IN, CODE, new Rng(6)), new Tanh()),
                        new Linear(CODE, IN, new Rng(7)), SHIFT, new Rng(3)),
                new ContractiveAutoEncoder(new Linear(IN, CODE, new Rng(8)), new Linear(CODE, IN, new Rng(9)), 0.5),
                new SaturatingAutoEncoder(new Linear(IN, CODE, new Rng(10)), new Linear(CODE, IN, new Rng(11)),
                        SaturatingAutoEncoder.Nonlinearity.LINEAR_SATURATING, 0.5),
                new SaturatingAutoEncoder(new Linear(IN, CODE, new Rng(12)), new Linear(CODE, IN, new Rng(13)),
                        SaturatingAutoEncoder.Nonlinearity.SHRINK, 0.5));
    }

    static void check(AutoEncoder m, String what, Function<Tensor[], Tensor> f) {
        Tensor[] params = m.parameters().toArray(new Tensor[0]);
        GradCheck.Result r = GradCheck.check(f, 1e-3, 2e-3, 1e-2, params);
        assertTrue(r.passed(), m.getClass().getSimpleName() + " " + what + ": " + r);
    }

    @Test
    void energiesHaveCorrectParameterGradients() {
        Tensor y = data();
        for (AutoEncoder m : models()) {
            check(m, "energy", p -> m.energy(y));
        }
    }

    @Test
    void trainingObjectivesHaveCorrectParameterGradients() {
        Tensor y = data();
        for (AutoEncoder m : models()) {
            check(m, "objective", p -> m.objective(y));
        }
    }

    @Test
    void energiesHaveCorrectInputGradients() {
        for (AutoEncoder m : models()) {
            GradCheck.Result r = GradCheck.check(in -> m.energy(in[0]), 1e-3, 2e-3, 1e-2, data());
            assertTrue(r.passed(), m.getClass().getSimpleName() + " dE/dY: " + r);
        }
    }
}
