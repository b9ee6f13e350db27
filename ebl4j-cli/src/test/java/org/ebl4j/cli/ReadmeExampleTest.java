package org.ebl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ebl4j.energy.architecture.BinaryClassifier;
import org.ebl4j.energy.inference.ExhaustiveSearch;
import org.ebl4j.energy.loss.HingeLoss;
import org.ebl4j.energy.train.Dataset;
import org.ebl4j.energy.train.Trainer;
import org.ebl4j.nn.Linear;
import org.ebl4j.optim.Sgd;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The Java example of the README, run as written, so that it never rots. */
class ReadmeExampleTest {
    @Test
    void readmeExampleSeparatesTheClasses() throws IOException {
        // ---- README example (keep identical to README.md)
        Rng rng = new Rng(0);
        Tensor x = rng.normal(0f, 1f, 400, 2);                                  // inputs X
        Tensor y = x.matmul(Tensor.of(new float[] {1f, -2f}, 2, 1)).reshape(400) // answers Y: label 1 where x1 > 2 x2
                .gt(Tensor.scalar(0f));
        BinaryClassifier energy = new BinaryClassifier(new Linear(2, 1, rng)); // E(W, Y, X) = -Y (w.X + b), Y = +-1
        Trainer trainer = Trainer.builder(energy, new HingeLoss(1f),            // max(0, m + E(W, Y^i, X^i) - E(W, Ybar^i, X^i))
                        new Sgd(energy.parameters(), 0.1))
                .epochs(20).batchSize(20).seed(0).build();
        trainer.fit(new Dataset(x, y));                                          // push down E(Y^i), pull up E(Ybar^i)
        Tensor answers = new ExhaustiveSearch().infer(energy, x).y();            // inference: Y* = argmin_Y E(W, Y, X)
        System.out.println(answers.eq(y).mean().item());                         // training accuracy, ~1.0
        // ---- end of README example
        assertTrue(answers.eq(y).mean().item() >= 0.98, "training accuracy " + answers.eq(y).mean().item());
        Path readme = Path.of("..", "README.md");
        if (Files.exists(readme)) {
            String text = Files.readString(readme);
            String mine = Files.readString(Path.of("src/test/java/org/ebl4j/cli/ReadmeExampleTest.java"));
            String example = mine.substring(mine.indexOf("Rng rng = new Rng(0);"),
                    mine.indexOf("        // ---- end of README example")).replace("\n        ", "\n").strip();
            assertTrue(text.contains(example), "README.md shows this example verbatim:\n" + example);
        }
    }
}
