package org.ebl4j.unsupervised.autoencoder;

import org.ebl4j.energy.Energy;
import org.ebl4j.tensor.Tensor;

/**
 * The regularised objective an {@link AutoEncoder} is trained on, ‖Y − Dec(Enc(C(Y)))‖² + R(C(Y)), wrapped as an
 * energy so that the {@link org.ebl4j.energy.train.Trainer} with the energy loss minimises it: its parameters are
 * the auto-encoder's.
 */
public final class TrainingObjective extends Energy {
    private final AutoEncoder model;

    public TrainingObjective(AutoEncoder model) {
        this.model = child("model", model);
    }

    @Override
    public Tensor energy(Tensor x, Tensor y) {
        return model.objective(y);
    }
}
