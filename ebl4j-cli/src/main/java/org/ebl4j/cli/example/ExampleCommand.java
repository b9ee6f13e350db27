package org.ebl4j.cli.example;

import picocli.CommandLine.Command;

/** Group of runnable examples. */
@Command(name = "example", description = "Run an example end to end.",
        subcommands = {MnistMlpCommand.class, CollapseCommand.class, XSquaredCommand.class, LossTableCommand.class,
            SamplingCommand.class, SpiralCommand.class, RbmAisCommand.class,
            SpokenWordsCommand.class, DigitStringsCommand.class, ImageAtomsCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  ebl4j example mnist-mlp --data ../shared/data/mnist-10k --epochs 10 --json",
            "  ebl4j example collapse --out out/collapse",
            "  ebl4j example x-squared --json",
            "  ebl4j example loss-table --data ../shared/data/digits-8x8",
            "  ebl4j example sampling --json",
            "  ebl4j example spiral --json",
            "  ebl4j example rbm-ais --data ../shared/data/mnist-10k --json",
            "  ebl4j example spoken-words --json",
            "  ebl4j example digit-strings --data ../shared/data/mnist-10k --json",
            "  ebl4j example image-atoms --data ../shared/data/images --json"})
public final class ExampleCommand {
}
