package org.ebl4j.cli.example;

import picocli.CommandLine.Command;

/** Group of runnable examples. */
@Command(name = "example", description = "Run an example end to end.",
        subcommands = {MnistMlpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  ebl4j example mnist-mlp --data ../shared/data/mnist-10k --epochs 10 --json"})
public final class ExampleCommand {
}
