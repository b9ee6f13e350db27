package org.ebl4j.cli.bench;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ebl4j.bench.UnsupervisedBench;
import org.ebl4j.cli.FiguresCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ebl4j bench unsupervised}: five unsupervised models, ebl4j against scikit-learn ({@link UnsupervisedBench}). */
@Command(name = "unsupervised",
        description = {"Fit PCA, K-means, a Gaussian mixture, a binary RBM (PCD-1) and a mini-batch sparse-coding "
            + "dictionary in ebl4j and in scikit-learn (Debian's python3-sklearn, installed by apt-get if missing), "
            + "same generated data, settings and thread count; reports the median fit times, the objective each "
            + "side reached, and sklearn time / ebl4j time."},
        footerHeading = "%nExamples:%n",
        footer = {"  ebl4j bench unsupervised --vs sklearn", "  ebl4j bench unsupervised --vs sklearn --threads 1 --json",
            "  ebl4j bench unsupervised --vs none --rows 1000 --repeats 1"})
public final class UnsupervisedBenchCommand extends FiguresCommand {
    @Option(names = "--vs", paramLabel = "LIB", defaultValue = "sklearn",
            description = "Reference library: sklearn, or none for the ebl4j side only (default: ${DEFAULT-VALUE}).")
    String vs;

    @Option(names = "--threads", paramLabel = "T",
            description = "Threads for both libraries (default: all cores).")
    Integer threads;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "5000",
            description = "Rows of each generated data set (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "5",
            description = "Timed fits per model and library, after warm-up fits (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--python", defaultValue = "/usr/bin/python3",
            description = "Python interpreter with scikit-learn (default: ${DEFAULT-VALUE}).")
    String python;

    @Override
    protected Map<String, Object> run(PrintWriter out) throws Exception {
        if (!vs.equals("sklearn") && !vs.equals("none")) {
            throw usageError("--vs must be sklearn or none, got '" + vs + "'");
        }
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        UnsupervisedBench.Config c;
        try {
            c = new UnsupervisedBench.Config(t, rows, repeats, vs.equals("sklearn") ? python : null, 1);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        UnsupervisedBench.Result r = UnsupervisedBench.run(c, out);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("bench", "unsupervised");
        figures.put("vs", vs);
        figures.putAll(UnsupervisedBench.figures(r));
        figures.put("threads", t);
        figures.put("rows", rows);
        figures.put("repeats", repeats);
        figures.put("sklearn_version", r.sklearnVersion());
        return figures;
    }
}
