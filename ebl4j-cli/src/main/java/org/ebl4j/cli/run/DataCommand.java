package org.ebl4j.cli.run;

import picocli.CommandLine.Command;

/** {@code ebl4j data}: find and describe data sets. */
@Command(name = "data",
        description = "Find and describe data sets: the bundled 8x8 digits, MNIST-style IDX folders, IDX files.",
        subcommands = {DataListCommand.class, DataInfoCommand.class, DataShowCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  ebl4j data list ../shared/data",
            "  ebl4j data info ../shared/data/mnist-10k",
            "  ebl4j data show digits --count 100 --out digits.png"})
public final class DataCommand {
}
