package org.ebl4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;

import org.ebl4j.io.Json;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that measures something: it logs progress and a summary to standard output, and with {@code --json}
 * ends its output with one line holding its figures as a JSON object.
 */
public abstract class FiguresCommand implements Callable<Integer> {
    @Option(names = "--json", description = "End the output with one line: a JSON object of the figures.")
    boolean json;

    @Spec
    CommandSpec spec;

    /** Runs the command, writing progress and a human-readable summary to {@code out}; returns the figures. */
    protected abstract Map<String, Object> run(PrintWriter out) throws Exception;

    /** The figures of one run (what {@code --json} prints), for callers in this JVM such as the tour. */
    public final Map<String, Object> figures(PrintWriter out) throws Exception {
        return run(out);
    }

    /** An error about the options given (exit code 2, with the usage help), for settings rejected when run. */
    protected final ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** A stream for code that logs to a {@link PrintStream}: its lines go to {@code out}, each as it ends. */
    protected static PrintStream lines(PrintWriter out) {
        OutputStream sink = new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public void write(int b) {
                if (b == '\n') {
                    out.println(line.toString(StandardCharsets.UTF_8));
                    out.flush();
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        };
        return new PrintStream(sink, true, StandardCharsets.UTF_8);
    }

    @Override
    public final Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> figures = run(out);
        if (json) {
            out.println(Json.write(figures));
        }
        out.flush();
        return 0;
    }
}
