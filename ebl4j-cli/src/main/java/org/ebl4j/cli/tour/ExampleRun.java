package org.ebl4j.cli.tour;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import org.ebl4j.cli.FiguresCommand;
import org.ebl4j.cli.Main;

import picocli.CommandLine.ParseResult;

/**
 * Runs one {@code ebl4j} command line in this JVM, parsed by {@link Main#commandLine()} exactly as the launcher
 * parses it, and returns the figures that the command prints with {@code --json}: the tour's numbers are those of
 * the command it shows, by construction.
 */
final class ExampleRun {
    private ExampleRun() {
    }

    /** Parses {@code args} (e.g. "example", "spiral", "--out", "DIR"), runs the command and returns its figures. */
    static Map<String, Object> figures(List<String> args, PrintWriter log) throws Exception {
        ParseResult parsed = Main.commandLine().parseArgs(args.toArray(String[]::new));
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        if (!(parsed.commandSpec().userObject() instanceof FiguresCommand command)) {
            throw new IllegalArgumentException("tour: 'ebl4j " + String.join(" ", args)
                    + "' is not a command that reports figures");
        }
        return command.figures(log);
    }
}
