package org.ebl4j.energy.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ebl4j.energy.inference.ExhaustiveSearch;
import org.ebl4j.energy.loss.HingeLoss;
import org.ebl4j.energy.loss.Loss;
import org.ebl4j.energy.loss.NegativeLogLikelihoodLoss;
import org.ebl4j.energy.loss.PerceptronLoss;
import org.ebl4j.optim.Sgd;
import org.ebl4j.tensor.Rng;
import org.junit.jupiter.api.Test;

/** The Trainer with the library's own losses and exhaustive-search inference, on the separable blobs. */
class TrainerWithLibraryLossesTest {
    @Test
    void everyLossLearnsTheBlobs() {
        Dataset train = Toys.blobs(300, new Rng(1));
        Dataset validation = Toys.blobs(150, new Rng(2));
        for (Loss loss : List.of(new NegativeLogLikelihoodLoss(1f), new HingeLoss(1f), new PerceptronLoss())) {
            Toys.LinearClassifier energy = new Toys.LinearClassifier(2, 3, new Rng(3));
            Trainer trainer = Trainer.builder(energy, loss, new Sgd(energy.parameters(), 0.05, 0.9)).epochs(6)
                    .batchSize(16).seed(11).validation(validation).inference(new ExhaustiveSearch()).build();
            double before = trainer.evaluate(validation).get("accuracy");
            TrainingHistory h = trainer.fit(train);
            assertTrue(before < 0.7, loss.name() + ": untrained accuracy " + before);
            assertTrue(h.last().get("val_accuracy") >= 0.95, loss.name() + ": " + h.last().values());
            // The library loss's own metrics come through, prefixed.
            assertTrue(h.last().values().keySet().stream().anyMatch(k -> k.startsWith("train_energy_")),
                    loss.name() + ": " + h.last().values().keySet());
        }
    }
}
