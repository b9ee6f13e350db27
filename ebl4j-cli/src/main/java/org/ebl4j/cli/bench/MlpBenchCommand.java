package org.ebl4j.cli.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ebl4j.bench.MlpBench;
import org.ebl4j.cli.FiguresCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ebl4j bench mlp}: one MLP training step, ebl4j against PyTorch ({@link MlpBench}). */
@Command(name = "mlp",
        description = {"Time one training step of a 784-256-10 ReLU MLP (batch 128, cross-entropy, SGD with "
            + "momentum: forward + backward + update) in ebl4j and in PyTorch (Debian's python3-torch, installed "
            + "with OpenBLAS by apt-get if missing), same thread count, synthetic data, alternating rounds; reports the medians "
            + "and torch time / ebl4j time."},
        footerHeading = "%nExamples:%n",
        footer = {"  ebl4j bench mlp", "  ebl4j bench mlp --threads 1 --rounds 20 --json",
            "  ebl4j bench mlp --profile"})
public final class MlpBenchCommand extends FiguresCommand {
    @Option(names = "--threads", paramLabel = "T",
            description = "Threads for both libraries (default: all cores).")
    Integer threads;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "10",
            description = "Timed rounds per library (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--python", defaultValue = "/usr/bin/python3",
            description = "Python interpreter with torch (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--profile", description = "Also split the ebl4j step: phases, products alone, allocation.")
    boolean profile;

    @Override
    protected Map<String, Object> run(PrintWriter out) throws Exception {
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        MlpBench.Config c;
        try {
            MlpBench.Config s = MlpBench.Config.standard(t);
            c = new MlpBench.Config(t, s.batch(), s.inputs(), s.hidden(), s.classes(), s.lr(), s.momentum(),
                    s.warmupSteps(), rounds, s.roundSeconds(), python, s.seed());
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        MlpBench.Result r = MlpBench.run(c, out);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("bench", "mlp");
        figures.put("speedup_vs_torch", r.speedupVsTorch());
        figures.put("ebl4j_ms_per_step", r.ebl4jMsPerStep());
        figures.put("torch_ms_per_step", r.torchMsPerStep());
        figures.put("threads", t);
        figures.put("torch_version", r.torchVersion());
        figures.put("jvm_args", ManagementFactory.getRuntimeMXBean().getInputArguments());
        figures.put("steps_per_round", r.stepsPerRound());
        figures.put("ebl4j_rounds_ms", r.ebl4jRoundsMs());
        figures.put("torch_rounds_ms", r.torchRoundsMs());
        if (profile) {
            MlpBench.Profile p = MlpBench.profile(c, 200);
            MlpBench.print(p, c, out);
            Map<String, Object> pf = new LinkedHashMap<>();
            pf.put("step_ms", p.stepMs());
            pf.put("forward_ms", p.forwardMs());
            pf.put("backward_ms", p.backwardMs());
            pf.put("update_ms", p.updateMs());
            pf.put("gemm_ms", p.gemmMs());
            pf.put("gemm_gflops", p.gemmGflops());
            pf.put("alloc_ms", p.directAllocMs());
            pf.put("other_ms", p.otherMs());
            pf.put("direct_bytes_per_step", p.directBytesPerStep());
            pf.put("direct_buffers_per_step", p.directBuffersPerStep());
            pf.put("heap_bytes_per_step", p.heapBytesPerStep());
            figures.put("profile", pf);
        }
        return figures;
    }
}
