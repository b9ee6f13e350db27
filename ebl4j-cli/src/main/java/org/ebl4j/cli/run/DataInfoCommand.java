package org.ebl4j.cli.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.ebl4j.cli.FiguresCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ebl4j data info}: shape, value range and label counts of a data set. */
@Command(name = "info",
        description = "Describe a data set: the number of examples, the image shape, the range and mean of the "
            + "values, and the count of each label.",
        footerHeading = "%nExamples:%n",
        footer = {"  ebl4j data info digits", "  ebl4j data info ../shared/data/mnist-10k --json",
            "  ebl4j data info train-images-idx3-ubyte.gz --labels train-labels-idx1-ubyte.gz"})
public final class DataInfoCommand extends FiguresCommand {
    @Parameters(index = "0", paramLabel = "SOURCE",
            description = "digits (bundled), a folder with MNIST-style files or digits.csv.gz, or an IDX image file.")
    String source;

    @Option(names = "--labels", paramLabel = "FILE", description = "IDX labels for an IDX image file.")
    Path labels;

    @Override
    protected Map<String, Object> run(PrintWriter out) throws Exception {
        Examples e = Examples.load(Examples.source(source, labels));
        float[] v = e.images().contiguous().toArray();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (float x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
            sum += x;
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("source", e.description());
        figures.put("examples", e.size());
        figures.put("shape", Arrays.stream(e.images().shape()).boxed().toList());
        figures.put("min", lo);
        figures.put("max", hi);
        figures.put("mean", sum / v.length);
        int[] counts = e.labelCounts();
        if (counts != null) {
            figures.put("label_counts", Arrays.stream(counts).boxed().toList());
        }
        out.printf(Locale.ROOT, "%s%n  examples %d, shape %s, values in [%.4g, %.4g], mean %.4g%n", e.description(),
                e.size(), Arrays.toString(e.images().shape()), lo, hi, sum / v.length);
        if (counts != null) {
            for (int c = 0; c < counts.length; c++) {
                out.printf(Locale.ROOT, "  label %d: %d%n", c, counts[c]);
            }
        } else {
            out.println("  no labels");
        }
        return figures;
    }
}
