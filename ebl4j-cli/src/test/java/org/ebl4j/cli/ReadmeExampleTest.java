package org.ebl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ebl4j.nn.Linear;
import org.ebl4j.optim.Sgd;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The Java example of the README, run as written, so that it never rots. */
class ReadmeExampleTest {
    @Test
    void readmeExampleLearnsTheLine() throws IOException {
        // ---- README example (keep identical to README.md)
        Rng rng = new Rng(0);
        Tensor x = rng.uniform(-1f, 1f, 64, 1);                 // inputs X
        Tensor y = x.mul(3f).add(0.5f);                          // desired answers Y = 3X + 0.5
        Linear model = new Linear(1, 1, rng);                    // G_W(X) = wX + b
        Sgd sgd = new Sgd(model.parameters(), 0.1);
        for (int step = 0; step < 300; step++) {
            sgd.zeroGrad();
            Tensor energy = model.forward(x).sub(y).square().mean(); // E(W, Y, X) = |G_W(X) - Y|^2, averaged
            energy.backward();                                   // dE/dW by reverse-mode autodiff
            sgd.step();                                          // W <- W - lr dE/dW
        }
        System.out.println(model.weight().item() + " " + model.bias().item()); // ~3.0 0.5
        // ---- end of README example
        assertEquals(3f, model.weight().item(), 1e-3);
        assertEquals(0.5f, model.bias().item(), 1e-3);
        Path readme = Path.of("..", "README.md");
        if (Files.exists(readme)) {
            String text = Files.readString(readme);
            assertTrue(text.contains("Tensor energy = model.forward(x).sub(y).square().mean();"),
                    "README.md shows this example");
        }
    }
}
