package org.ebl4j.cli.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ebl4j.bench.GemmBench;
import org.ebl4j.cli.FiguresCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ebl4j bench gemm}: sgemm throughput of each kernel against the measured peak ({@link GemmBench}). */
@Command(name = "gemm",
        description = {"Measure sgemm GFLOP/s of every loadable kernel (native OpenBLAS, Vector API, scalar Java) "
            + "on 1 and all threads, as fractions of the machine's measured peak. Headline (JSON peak_fraction): "
            + "native, all threads, 1024x1024x1024."},
        footerHeading = "%nExamples:%n",
        footer = {"  ebl4j bench gemm", "  ebl4j bench gemm --json",
            "  ebl4j bench gemm --kernels native,vector --threads 2 --sizes 1024,256x784x1024"})
public final class GemmBenchCommand extends FiguresCommand {
    @Option(names = "--kernels", split = ",", paramLabel = "K",
            description = "Kernels to run: native, vector, scalar (default: all that load).")
    List<String> kernels = new ArrayList<>();

    @Option(names = "--threads", split = ",", paramLabel = "T", description = "Thread counts (default: 1 and all).")
    List<Integer> threads = new ArrayList<>();

    @Option(names = "--sizes", split = ",", paramLabel = "MxKxN",
            description = "Sizes as MxKxN or N (default: 64, 256, 1024, 256x784x1024).")
    List<String> sizes = new ArrayList<>();

    @Option(names = "--quick", description = "Short warm-up and batches (less precise).")
    boolean quick;

    @Override
    protected Map<String, Object> run(PrintWriter out) {
        GemmBench.Options d = quick ? GemmBench.Options.quick() : GemmBench.Options.defaults();
        GemmBench.Options o;
        try {
            List<GemmBench.Size> s = sizes.isEmpty() ? d.sizes() : sizes.stream().map(GemmBench.Size::parse).toList();
            o = new GemmBench.Options(kernels, threads, s, d.warmupSeconds(), d.batchSeconds(), d.batches());
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        GemmBench.Result r = GemmBench.run(lines(out), o);
        out.print(r.table());
        out.flush();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("bench", "gemm");
        figures.put("peak_fraction", r.peakFraction());
        figures.put("headline_kernel", r.headlineKernel());
        figures.put("headline_threads", r.headlineThreads());
        figures.put("table", r.toJson());
        return figures;
    }
}
