package org.ebl4j.cli.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.ebl4j.cli.FiguresCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ebl4j data show}: the first images of a data set as a mosaic PNG. */
@Command(name = "show",
        description = "Draw the first COUNT images of a data set as a mosaic PNG.",
        footerHeading = "%nExamples:%n",
        footer = {"  ebl4j data show digits", "  ebl4j data show ../shared/data/mnist-10k --count 100 --out m.png --json"})
public final class DataShowCommand extends FiguresCommand {
    @Parameters(index = "0", paramLabel = "SOURCE",
            description = "digits (bundled), a folder with MNIST-style files or digits.csv.gz, or an IDX image file.")
    String source;

    @Option(names = "--count", paramLabel = "N", defaultValue = "64",
            description = "Images (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--out", paramLabel = "PNG", defaultValue = "data.png",
            description = "The picture (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    protected Map<String, Object> run(PrintWriter log) throws Exception {
        if (count < 1) {
            throw usageError("--count must be >= 1, got " + count);
        }
        Examples e = Examples.load(Examples.source(source, null));
        int n = Math.min(count, e.size());
        int h = e.images().shape(1);
        int w = e.images().shape(2);
        Tiles.write(out, e.images().slice(0, 0, n).contiguous().reshape(n, h * w), n, h, w, Math.max(1, 56 / h),
                false, Map.of("title", e.description()));
        log.printf(Locale.ROOT, "data show: %d images of %s; wrote %s%n", n, e.description(), out);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("count", n);
        figures.put("out", out.toAbsolutePath().toString());
        return figures;
    }
}
