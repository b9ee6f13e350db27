package org.ebl4j.cli.example;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.ebl4j.cli.FiguresCommand;
import org.ebl4j.energy.train.Dataset;
import org.ebl4j.tensor.Rng;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ebl4j example x-squared}: the tutorial's "Learning Y = X²" ({@link XSquared}). Regression trained with the
 * energy loss works; implicit regression trained with the square-square loss learns argmin_Y E(W, Y, X) ≈ X²;
 * the same implicit regression trained with the energy loss collapses.
 */
@Command(name = "x-squared",
        description = {"Learning Y = X^2 three ways, from the same samples: regression E = (G(X) - Y)^2 / 2 with the "
            + "energy loss (works), implicit regression E = ||G1(X) - G2(Y)||^2 with the square-square loss (works) "
            + "and with the energy loss (collapses).",
            "Reports the mean |argmin_Y E(Y, X) - X^2| over 201 test inputs on [-1, 1] (exhaustive search over "
                + "301 answers in [-0.25, 1.25]; G(X) for regression) and the collapse metric of each run, and "
                + "writes their energy surfaces (X across, Y up, low energy dark; white: training samples, red: "
                + "argmin_Y E) as PNGs into --out."},
        footerHeading = "%nExamples:%n",
        footer = {"  ebl4j example x-squared",
            "  ebl4j example x-squared --json --out /tmp/x-squared"})
public final class XSquaredCommand extends FiguresCommand {
    @Mixin
    XSquaredOptions options;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/x-squared",
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
        log.println("x-squared: " + options.describe());
        log.flush();
        Dataset data = XSquared.samples(c.samples(), c.noise(), new Rng(c.seed()));
        XSquared.Run regression = XSquared.trainRegression(data, c);
        Map<String, Object> figures = new LinkedHashMap<>();
        report(log, regression, data, c, "regression-energy", figures);
        Map<String, Object> meanError = new LinkedHashMap<>();
        Map<String, Object> gap = new LinkedHashMap<>();
        for (String loss : new String[] {"square-square", "energy"}) {
            XSquared.Run run = XSquared.trainImplicitRegression(loss, data, c);
            report(log, run, data, c, "implicit-" + loss, figures);
            meanError.put(loss, run.argminError());
            gap.put(loss, run.gap());
        }
        Map<String, Object> regressionFigures = new LinkedHashMap<>();
        regressionFigures.put("mean_error", regression.argminError());
        regressionFigures.put("gap", regression.gap());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("example", "x-squared");
        result.put("mean_error", meanError);
        result.put("gap", gap);
        result.put("margin", c.margin());
        result.put("regression", regressionFigures);
        result.put("figures", figures);
        result.put("epochs", c.epochs());
        result.put("seed", c.seed());
        return result;
    }

    private void report(PrintWriter log, XSquared.Run run, Dataset data, XSquared.Config c, String file,
                        Map<String, Object> figures) throws IOException {
        Path png = out.resolve(file + ".png");
        XSquared.writeSurface(run, data, 2 * c.margin(), png);
        figures.put(file, png.toString());
        log.printf(Locale.ROOT, "%-40s mean |argmin_Y E - X^2| %.4f   gap %9.4f   %5.1f s   %s%n", run.name(),
                run.argminError(), run.gap(), run.seconds(), png);
        log.flush();
    }
}
