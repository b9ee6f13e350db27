package org.ebl4j.unsupervised.autoencoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.nn.Linear;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SaturatingAutoEncoderTest {
    static SaturatingAutoEncoder model(SaturatingAutoEncoder.Nonlinearity f, double alpha) {
        return new SaturatingAutoEncoder(new Linear(2, 16, new Rng(1)), new Linear(16, 2, new Rng(2)), f, alpha);
    }

    /** A one-unit identity encoder, so that the unit's pre-activation is the input's first coordinate. */
    static SaturatingAutoEncoder probe(SaturatingAutoEncoder.Nonlinearity f) {
        Linear identity = new Linear(1, 1, new Rng(1));
        identity.weight().copyFrom(Tensor.ones(1, 1));
        identity.bias().copyFrom(Tensor.zeros(1));
        return new SaturatingAutoEncoder(identity, new Linear(1, 1, new Rng(2)), f, 1);
    }

    @Test
    void theComplementIsTheDistanceToTheSaturatedRegion() {
        Tensor z = Tensor.of(new float[] {-2f, -0.5f, 0.2f, 0.7f, 1.5f, 3f}, 6, 1);
        SaturatingAutoEncoder ramp = probe(SaturatingAutoEncoder.Nonlinearity.LINEAR_SATURATING);
        assertArrayEquals(new float[] {0f, 0f, 0.2f, 0.7f, 1f, 1f}, ramp.transform(z).toArray(), 1e-6f);
        assertArrayEquals(new float[] {0f, 0f, 0.2f, 0.3f, 0f, 0f}, ramp.unsaturation(z).toArray(), 1e-6f);
        SaturatingAutoEncoder shrink = probe(SaturatingAutoEncoder.Nonlinearity.SHRINK);
        assertArrayEquals(new float[] {-1f, 0f, 0f, 0f, 0.5f, 2f}, shrink.transform(z).toArray(), 1e-6f);
        assertArrayEquals(new float[] {1f, 0f, 0f, 0f, 0.5f, 2f}, shrink.unsaturation(z).toArray(), 1e-6f);
    }

    @Test
    void thePenaltyDrivesTheUnitsIntoSaturation() {
        Tensor data = Circle.random(400, 1f, new Rng(4)).add(new Rng(5).normal(0f, 0.05f, 400, 2));
        AutoEncoderTraining training = new AutoEncoderTraining(60, 50, 1e-2, 6);
        SaturatingAutoEncoder free = model(SaturatingAutoEncoder.Nonlinearity.LINEAR_SATURATING, 0);
        free.training(training).fit(data);
        SaturatingAutoEncoder saturating = model(SaturatingAutoEncoder.Nonlinearity.LINEAR_SATURATING, 0.1);
        saturating.training(training).fit(data);
        double without = free.unsaturation(data).mean().item();
        double with = saturating.unsaturation(data).mean().item();
        assertTrue(with < 0.5 * without, "mean distance to saturation: " + with + " with the penalty, " + without
                + " without");
        double error = saturating.energy(data).mean().item();
        assertTrue(error < 0.1, "the saturated code still reconstructs the circle: mean energy " + error);
    }

    @Test
    void settingsAreChecked() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> model(SaturatingAutoEncoder.Nonlinearity.SHRINK, -1)).getMessage().contains("alpha"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model(null, 1)).getMessage()
                .contains("LINEAR_SATURATING"));
    }
}
