package org.ebl4j.cli.example;

import java.io.IOException;
import java.nio.file.Path;

import org.ebl4j.data.Mnist;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The MNIST examples' {@code --data} and {@code --train-size} options (a picocli mixin) and the split they name. */
public final class MnistData {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "Directory with images-idx3-ubyte.gz and labels-idx1-ubyte.gz, or the standard MNIST / "
                + "Fashion-MNIST train-* and t10k-* files.")
    Path dir;

    @Option(names = "--train-size", paramLabel = "N",
            description = "Digits used for training, the rest for testing (default: 4/5 of the set).")
    Integer trainSize;

    /** The digits of {@code --data}: the first {@code --train-size} (default 4/5) to train on, the rest to test. */
    Mnist.Split split() throws IOException {
        Mnist all = Mnist.load(dir);
        try {
            return all.split(trainSize != null ? trainSize : all.size() * 4 / 5);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--train-size: " + e.getMessage());
        }
    }
}
