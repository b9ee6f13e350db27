package org.ebl4j.energy.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.ebl4j.energy.Energy;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties every {@link Sampler} must have, run over each sampler and variant (after TorchEBM's sampler tests). */
class SamplerContractTest {
    /** A sampler variant: built from an Rng and a trace thinning (0 = no trace). */
    private record Variant(String name, java.util.function.BiFunction<Rng, Integer, Sampler> make) {
        Sampler with(long seed, int thin) {
            return make.apply(new Rng(seed), thin);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> samplers() {
        return Stream.of(
                new Variant("ULA", (rng, thin) -> new Langevin(0.05, 1, rng).trace(thin)),
                new Variant("MALA", (rng, thin) -> new Langevin(0.05, 1, rng).metropolisAdjusted(true).trace(thin)),
                new Variant("HMC", (rng, thin) -> new HamiltonianMonteCarlo(0.1, 3, 1, rng).trace(thin)),
                new Variant("HMC-adaptive", (rng, thin) -> new HamiltonianMonteCarlo(0.1, 3, 1, rng)
                        .adaptStepSize(2, 0.65).trace(thin)))
                .map(Arguments::of);
    }

    /** E(W, Y, X) = ½ w Σ (Y − X)² over all axes of a sample but the first (X = 0 when null); w is a parameter. */
    static final class Quadratic extends Energy {
        final Tensor w = parameter("w", Tensor.scalar(1f));

        @Override
        public Tensor energy(Tensor x, Tensor y) {
            Tensor d = x == null ? y : y.sub(x);
            return d.square().reshape(y.shape(0), -1).sum(1, false).mul(w).mul(0.5f);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplers")
    void returnsChainsOfTheStartShapeWithTheirEnergiesAndAThinnedTrace(Variant v) {
        Quadratic energy = new Quadratic();
        Tensor y0 = new Rng(1).normal(0f, 1f, 4, 2, 3);
        SampleResult r = v.with(7, 3).sample(energy, null, y0, 10);
        assertArrayEquals(new int[] {4, 2, 3}, r.y().shape());
        assertArrayEquals(new int[] {4}, r.energy().shape());
        assertArrayEquals(energy.energy(null, r.y()).toArray(), r.energy().toArray(), 1e-5f);
        int kept = v.name().equals("HMC-adaptive") ? 8 : 10; // burn-in transitions are left out
        assertArrayEquals(new int[] {kept / 3, 4, 2, 3}, r.trace().shape());
        float[] last = r.trace().slice(0, kept / 3 - 1, kept / 3).toArray();
        assertFalse(Arrays.equals(last, y0.toArray()), "chains moved");
        assertNull(v.with(7, 0).sample(energy, null, y0, 10).trace(), "no trace unless asked");
        for (float f : r.y().toArray()) {
            assertTrue(Float.isFinite(f));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplers")
    void isDeterministicForAFixedSeed(Variant v) {
        Quadratic energy = new Quadratic();
        Tensor y0 = new Rng(1).normal(0f, 1f, 5, 2);
        float[] a = v.with(11, 0).sample(energy, null, y0, 6).y().toArray();
        float[] b = v.with(11, 0).sample(energy, null, y0, 6).y().toArray();
        float[] c = v.with(12, 0).sample(energy, null, y0, 6).y().toArray();
        assertArrayEquals(a, b, 0f);
        assertFalse(Arrays.equals(a, c), "another seed gives other chains");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplers")
    void recordsNoGraphAndLeavesParametersAndStartUntouched(Variant v) {
        Quadratic energy = new Quadratic();
        Tensor y0 = new Rng(1).normal(0f, 1f, 5, 2).requiresGrad(true);
        float[] start = y0.toArray();
        SampleResult r = v.with(3, 1).sample(energy, null, y0, 4);
        for (Tensor t : List.of(r.y(), r.energy(), r.trace())) {
            assertNull(t.gradFn());
            assertFalse(t.requiresGrad());
        }
        assertNull(energy.w.grad(), "sampling never touches dE/dW");
        assertNull(y0.grad());
        assertArrayEquals(start, y0.toArray(), 0f);
        assertEquals(1f, energy.w.item(), 0f);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplers")
    void everyChainSamplesItsOwnInput(Variant v) {
        // p(Y|X) ∝ exp(−½|Y − X|²): chains conditioned on X = ±5 stay around their own X
        Quadratic energy = new Quadratic();
        Tensor x = Tensor.of(new float[] {5, 5, -5, -5, 5, -5}, 3, 2);
        SampleResult r = v.with(5, 0).sample(energy, x, Tensor.zeros(3, 2), 300);
        float[] y = r.y().toArray();
        float[] xs = x.toArray();
        for (int i = 0; i < y.length; i++) {
            assertEquals(xs[i], y[i], 4.0, "coordinate " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplers")
    void rejectsBadRuns(Variant v) {
        Sampler s = v.with(1, 0);
        Quadratic energy = new Quadratic();
        assertThrows(IllegalArgumentException.class, () -> s.sample(energy, null, Tensor.zeros(3, 2), 0));
        assertThrows(IllegalArgumentException.class, () -> s.sample(null, null, Tensor.zeros(3, 2), 5));
        assertThrows(IllegalArgumentException.class, () -> s.sample(energy, null, Tensor.scalar(1f), 5));
        assertThrows(IllegalArgumentException.class, () -> s.sample(energy, null, null, 5));
        assertThrows(IllegalArgumentException.class, () -> v.with(1, -1), "negative thinning");
    }

    @Test
    void rejectsBadSettingsNamingTheRange() {
        Rng rng = new Rng(1);
        List<Function<Rng, Sampler>> bad = List.of(
                r -> new Langevin(0, 1, r), r -> new Langevin(-0.1, 1, r), r -> new Langevin(Double.NaN, 1, r),
                r -> new Langevin(0.1, 0, r), r -> new Langevin(0.1, Double.POSITIVE_INFINITY, r),
                r -> new Langevin(0.1, 1, null),
                r -> new HamiltonianMonteCarlo(0, 5, 1, r), r -> new HamiltonianMonteCarlo(0.1, 0, 1, r),
                r -> new HamiltonianMonteCarlo(0.1, 5, -1, r), r -> new HamiltonianMonteCarlo(0.1, 5, 1, null),
                r -> new HamiltonianMonteCarlo(0.1, 5, 1, r).adaptStepSize(-1, 0.65),
                r -> new HamiltonianMonteCarlo(0.1, 5, 1, r).adaptStepSize(10, 1.0));
        for (Function<Rng, Sampler> f : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.apply(rng));
            assertTrue(e.getMessage().matches(".*(> 0|>= 1|>= 0|in \\(0, 1\\)|null).*"), e.getMessage());
        }
        HamiltonianMonteCarlo adaptive = new HamiltonianMonteCarlo(0.1, 5, 1, rng).adaptStepSize(10, 0.65);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> adaptive.sample(new Quadratic(), null, Tensor.zeros(2, 2), 10));
        assertTrue(e.getMessage().contains("burn-in"), e.getMessage());
    }
}
