package org.ebl4j.cli.example;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ebl4j.cli.FiguresCommand;
import org.ebl4j.energy.train.Dataset;
import org.ebl4j.tensor.Rng;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ebl4j example collapse}: the implicit regression architecture of {@link XSquared}, trained with each loss
 * from the same initial weights, and the collapse metric of each ({@link XSquared#gap}): the energy loss drives
 * the energy surface flat (gap → 0), the hinge, square-square and NLL losses keep wrong answers at least the
 * margin above the correct ones.
 */
@Command(name = "collapse",
        description = {"Train the implicit regression E(W, Y, X) = ||G1(X) - G2(Y)||^2 (G1, G2: 1-H-4 tanh "
            + "networks) on Y = X^2 with the energy, perceptron, hinge, log, square-square and NLL losses (same "
            + "samples, initial weights and settings) and report each one's collapse metric:",
            "gap = mean over test inputs X of E(random wrong Y) - E(X^2), wrong answers uniform on [-0.25, 1.25] "
                + "outside the epsilon-ball around X^2. The energy loss collapses (gap -> 0); margin losses keep "
                + "gap >= m.",
            "Writes the energy surface of each loss (X across, Y up, low energy dark; white: training samples, "
                + "red: argmin_Y E) as LOSS.png into --out."},
        footerHeading = "%nExamples:%n",
        footer = {"  ebl4j example collapse",
            "  ebl4j example collapse --json --out /tmp/collapse",
            "  ebl4j example collapse --losses energy,hinge --epochs 40"})
public final class CollapseCommand extends FiguresCommand {
    @Mixin
    XSquaredOptions options;

    @Option(names = "--losses", paramLabel = "NAMES", split = ",",
            description = "Losses to train, comma-separated (default: energy,perceptron,hinge,log,square-square,nll).")
    List<String> losses = XSquared.LOSSES;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/collapse",
            description = "Folder for the energy-surface PNGs (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    protected Map<String, Object> run(PrintWriter log) throws Exception {
        XSquared.Config c;
        try {
            c = options.config();
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        for (String name : losses) {
            if (!XSquared.LOSSES.contains(name)) {
                throw usageError("--losses: unknown loss '" + name + "', expected some of " + XSquared.LOSSES);
            }
        }
        log.println("collapse: implicit regression E = ||G1(X) - G2(Y)||^2; " + options.describe());
        log.flush();
        Dataset data = XSquared.samples(c.samples(), c.noise(), new Rng(c.seed()));
        Map<String, Object> gap = new LinkedHashMap<>();
        Map<String, Object> argminError = new LinkedHashMap<>();
        Map<String, Object> trainLoss = new LinkedHashMap<>();
        Map<String, Object> seconds = new LinkedHashMap<>();
        Map<String, Object> figures = new LinkedHashMap<>();
        List<String> kept = new ArrayList<>();
        List<String> flat = new ArrayList<>();
        for (String name : losses) {
            XSquared.Run run = XSquared.trainImplicitRegression(name, data, c);
            Path png = out.resolve(name + ".png");
            XSquared.writeSurface(run, data, 2 * c.margin(), png);
            log.printf(Locale.ROOT, "%-14s gap %10.4f   argmin error %.4f   final loss %9.4g   %5.1f s   %s%n", name,
                    run.gap(), run.argminError(), run.history().last().get("train_loss"), run.seconds(), png);
            log.flush();
            gap.put(name, run.gap());
            argminError.put(name, run.argminError());
            trainLoss.put(name, run.history().last().get("train_loss"));
            seconds.put(name, run.seconds());
            figures.put(name, png.toString());
            (run.gap() >= c.margin() ? kept : flat).add(String.format(Locale.ROOT, "%s (%.4g)", name, run.gap()));
        }
        log.println("gap >= margin " + c.margin() + ": " + (kept.isEmpty() ? "none" : String.join(", ", kept)));
        log.println("gap <  margin " + c.margin() + " (flat or nearly flat): "
                + (flat.isEmpty() ? "none" : String.join(", ", flat)));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("example", "collapse");
        result.put("margin", c.margin());
        result.put("gap", gap);
        result.put("argmin_error", argminError);
        result.put("train_loss", trainLoss);
        result.put("train_seconds", seconds);
        result.put("figures", figures);
        result.put("epsilon", c.epsilon());
        result.put("beta", c.beta());
        result.put("epochs", c.epochs());
        result.put("seed", c.seed());
        return result;
    }
}
