package org.ebl4j.unsupervised.sparse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/** For the {@link Lista} and {@link Lcod} tests: a synthetic problem with converged codes, errors, a gradient check. */
final class UnrolledEncoderFixtures {
    static final double LAMBDA = 0.1;

    private UnrolledEncoderFixtures() {
    }

    /** The synthetic unit-norm dictionary of {@link DictionaryLearningTest.Synthetic} with λ = 0.1. */
    static SparseCodingEnergy energy() {
        return new SparseCodingEnergy(DictionaryLearningTest.Synthetic.generate(1, 3).dictionary(), LAMBDA);
    }

    /** 2,500 training and 500 held-out rows (3 active atoms each) with FISTA's converged codes. */
    record Problem(Tensor fit, Tensor fitCodes, Tensor test, Tensor testCodes) {
        static Problem of(SparseCodingEnergy e) {
            Tensor all = DictionaryLearningTest.Synthetic.generate(3000, 3).data();
            Tensor fit = all.slice(0, 0, 2500).contiguousCopy();
            Tensor test = all.slice(0, 2500, 3000).contiguousCopy();
            Fista exact = new Fista(2000, 1e-12);
            return new Problem(fit, exact.infer(e, fit, null).codes(), test, exact.infer(e, test, null).codes());
        }
    }

    /** Mean over rows of ½‖Z − Z*‖². */
    static double error(Tensor z, Tensor target) {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return z.sub(target).square().sum(1, false).mul(0.5f).mean().item();
        }
    }

    /** Two unrolled steps on random parameters (3 inputs, 5 atoms): analytic and finite-difference gradients agree. */
    static void assertGradientsMatch(UnrolledSparseEncoder encoder, long seed) {
        Rng rng = new Rng(seed);
        GradCheck.Result r = GradCheck.check(in -> encoder.unroll(in[0], in[1], in[2], in[3], 2, z -> { }),
                1e-3, 2e-3, 2e-2, rng.normal(0f, 1f, 4, 3), rng.normal(0f, 0.5f, 5, 3), rng.normal(0f, 0.3f, 5, 5),
                rng.uniform(0.05f, 0.2f, 5));
        assertTrue(r.passed(), r.toString());
    }
}
