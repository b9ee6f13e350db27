package org.ebl4j.cli;

import java.io.PrintWriter;

import org.ebl4j.cli.bench.BenchCommand;
import org.ebl4j.cli.example.ExampleCommand;
import org.ebl4j.cli.run.DataCommand;
import org.ebl4j.cli.run.EvalCommand;
import org.ebl4j.cli.run.SampleCommand;
import org.ebl4j.cli.run.TrainCommand;
import org.ebl4j.cli.tour.TourCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * The {@code ebl4j} command line. Exit codes: 0 success, 2 usage error, 1 run-time failure (one line on standard
 * error naming the problem; the stack trace too with {@code --verbose}). Commands that take {@code --json} print
 * their figures as one JSON object on the last line of standard output.
 */
@Command(name = "ebl4j", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Energy-based learning on the JVM: training runs, examples and benchmarks.",
        subcommands = {TourCommand.class, TrainCommand.class, EvalCommand.class, SampleCommand.class, DataCommand.class,
            ExampleCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ebl4j tour",
            "  ebl4j train configs/mnist-rbm.yaml --data ../shared/data/mnist-10k --out runs/rbm1",
            "  ebl4j train --resume runs/rbm1",
            "  ebl4j eval runs/rbm1 --json",
            "  ebl4j sample runs/rbm1 --count 64",
            "  ebl4j data info digits",
            "  ebl4j example mnist-mlp --data ../shared/data/mnist-10k",
            "  ebl4j example collapse --json",
            "  ebl4j example loss-table --data ../shared/data/digits-8x8",
            "  ebl4j bench gemm --json",
            "  ebl4j bench mlp --threads 2",
            "  ebl4j help example mnist-mlp"})
public final class Main {
    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "On failure, print the stack trace too.")
    boolean verbose;

    public static void main(String[] args) {
        int code;
        try {
            code = commandLine().execute(args);
        } catch (OutOfMemoryError e) { // an Error: picocli's exception handler does not see it
            System.err.println("ebl4j: error: out of memory: " + describe(e) + " (raise the limit, e.g. "
                    + "EBL4J_JAVA_OPTS='-Xmx8g -XX:MaxDirectMemorySize=8g' for the launcher)");
            code = 1;
        }
        System.exit(code);
    }

    /** The configured command line; tests redirect its output with {@code setOut}/{@code setErr}. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Main::failure);
        return cl;
    }

    /** Reports a run-time failure on one line (plus the stack trace with --verbose) and returns exit code 1. */
    private static int failure(Exception e, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (verbose(parsed)) {
            e.printStackTrace(err);
        }
        err.println(cmd.getColorScheme().errorText(cmd.getCommandSpec().qualifiedName() + ": error: " + describe(e)
                + (verbose(parsed) ? "" : " (--verbose shows the stack trace)")));
        err.flush();
        return cmd.getCommandSpec().exitCodeOnExecutionException();
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.hasSubcommand() ? p.subcommand() : null) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first message along the cause chain written by hand (not a wrapper's copy of its cause), on one line; the
     * class name when there is none.
     */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && (t.getCause() == null || !m.equals(t.getCause().toString()))) {
                return m.strip().replaceAll("\\s*\\R\\s*", " ");
            }
        }
        return e.getClass().getName();
    }

    /** The version from the jar manifest, "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"ebl4j " + (v == null ? "dev" : v), "Java " + Runtime.version() + " ("
                    + System.getProperty("java.vm.name") + ")"};
        }
    }
}
