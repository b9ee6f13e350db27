package org.ebl4j.unsupervised.autoencoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.nn.Linear;
import org.ebl4j.nn.Sequential;
import org.ebl4j.nn.Tanh;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DenoisingAutoEncoderTest {
    static DenoisingAutoEncoder trainedOnCircle() {
        Rng rng = new Rng(1);
        DenoisingAutoEncoder dae = new DenoisingAutoEncoder(new Sequential(new Linear(2, 32, rng), new Tanh()),
                new Linear(32, 2, rng), new GaussianCorruption(0.25), new Rng(2));
        dae.training(new AutoEncoderTraining(150, 100, 1e-2, 3));
        Tensor data = Circle.random(1000, 1f, new Rng(4)).add(new Rng(5).normal(0f, 0.02f, 1000, 2));
        dae.fit(data);
        return dae;
    }

    @Test
    void energyIsLowOnTheManifoldAndHighOffItAndDenoisingReducesTheError() {
        DenoisingAutoEncoder dae = trainedOnCircle();
        double on = dae.energy(Circle.ring(100, 1f)).mean().item();
        double inside = dae.energy(Circle.ring(100, 0.5f)).mean().item();
        double outside = dae.energy(Circle.ring(100, 1.5f)).mean().item();
        assertTrue(on < 0.25 * inside && on < 0.25 * outside, "energy on the circle " + on + ", at radius 0.5 "
                + inside + ", at radius 1.5 " + outside);
        Tensor clean = Circle.random(500, 1f, new Rng(6));
        Tensor noisy = clean.add(new Rng(7).normal(0f, 0.15f, 500, 2));
        Tensor denoised = dae.denoise(noisy);
        // only the noise across the manifold (radial) can be removed: about half of the error in 2-D
        double before = noisy.sub(clean).square().sum(1, false).mean().item();
        double after = denoised.sub(clean).square().sum(1, false).mean().item();
        assertTrue(after < 0.7 * before, "squared error before denoising " + before + ", after " + after);
        double radialBefore = radialError(noisy);
        double radialAfter = radialError(denoised);
        assertTrue(radialAfter < 0.2 * radialBefore, "squared distance to the circle before denoising "
                + radialBefore + ", after " + radialAfter);
        double[] losses = dae.history().series("train_loss");
        assertTrue(losses[losses.length - 1] < 0.5 * losses[0], "training loss " + losses[0] + " -> "
                + losses[losses.length - 1]);
    }

    /** Mean of (‖y‖ − 1)², the squared distance to the unit circle. */
    static double radialError(Tensor y) {
        return y.square().sum(1, false).sqrt().sub(1f).square().mean().item();
    }

    @Test
    void corruptionsDrawSeededNoiseOfTheRightKind() {
        Tensor y = Tensor.ones(200, 50);
        Tensor masked = new MaskingCorruption(0.3).corrupt(y, new Rng(1));
        double kept = masked.mean().item();
        assertEquals(0.7, kept, 0.02);
        for (float v : masked.toArray()) {
            assertTrue(v == 0f || v == 1f);
        }
        assertArrayEquals(masked.toArray(), new MaskingCorruption(0.3).corrupt(y, new Rng(1)).toArray());
        Tensor noise = new GaussianCorruption(0.5).corrupt(y, new Rng(2)).sub(y);
        assertEquals(0, noise.mean().item(), 0.01);
        assertEquals(0.25, noise.square().mean().item(), 0.01);
        assertArrayEquals(new float[y.numel()], new MaskingCorruption(0).corrupt(y, new Rng(3)).sub(y).toArray());
    }

    @Test
    void badSettingsAreRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MaskingCorruption(1)).getMessage()
                .contains("[0, 1)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GaussianCorruption(0)).getMessage()
                .contains("> 0"));
        Rng rng = new Rng(1);
        assertThrows(IllegalArgumentException.class, () -> new DenoisingAutoEncoder(new Linear(2, 3, rng),
                new Linear(3, 2, rng), null, rng));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AutoEncoderTraining(0, 10, 0.1, 0))
                .getMessage().contains("epochs and batchSize must be >= 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AutoEncoderTraining(5, 10, -1, 0))
                .getMessage().contains("learningRate"));
    }
}
