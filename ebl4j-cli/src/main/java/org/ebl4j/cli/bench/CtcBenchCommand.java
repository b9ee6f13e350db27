package org.ebl4j.cli.bench;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ebl4j.bench.CtcBench;
import org.ebl4j.cli.FiguresCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ebl4j bench ctc}: the CTC loss from graph operations and by the direct recursion ({@link CtcBench}). */
@Command(name = "ctc",
        description = {"Time the CTC loss of one sequence (T=1000 frames, U=100 target labels, 28 labels with the "
            + "blank) built from weighted-graph operations (emissions graph intersected with the CTC graph, forward "
            + "scores) and by the direct alpha-beta recursion, forward and forward+backward (medians after warm-up), "
            + "beside gtn's CPU forward time of 131.6 ms. JSON: graph_forward_ms, graph_backward_ms (forward+backward), "
            + "direct_forward_ms, gtn_forward_ms, speedup_vs_gtn."},
        footerHeading = "%nExamples:%n",
        footer = {"  ebl4j bench ctc", "  ebl4j bench ctc --repeats 50 --json"})
public final class CtcBenchCommand extends FiguresCommand {
    @Option(names = "--frames", paramLabel = "T", description = "Frames T (default: 1000).")
    Integer frames;

    @Option(names = "--target-length", paramLabel = "U", description = "Target labels U (default: 100).")
    Integer targetLength;

    @Option(names = "--labels", paramLabel = "L", description = "Labels including the blank (default: 28).")
    Integer labels;

    @Option(names = "--warmup", paramLabel = "N", description = "Untimed runs before timing (default: 20).")
    Integer warmup;

    @Option(names = "--repeats", paramLabel = "N", description = "Timed runs; the median is reported (default: 30).")
    Integer repeats;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the emissions and target (default: 1).")
    long seed = 1;

    @Override
    protected Map<String, Object> run(PrintWriter out) {
        CtcBench.Config c;
        try {
            CtcBench.Config s = CtcBench.Config.standard(seed);
            c = new CtcBench.Config(frames != null ? frames : s.frames(),
                    targetLength != null ? targetLength : s.targetLength(), labels != null ? labels : s.labels(),
                    warmup != null ? warmup : s.warmup(), repeats != null ? repeats : s.repeats(), seed);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        CtcBench.Result r = CtcBench.run(c, out);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("bench", "ctc");
        figures.put("graph_forward_ms", r.graphForwardMs());
        figures.put("graph_backward_ms", r.graphBackwardMs());
        figures.put("direct_forward_ms", r.directForwardMs());
        figures.put("direct_backward_ms", r.directBackwardMs());
        figures.put("gtn_forward_ms", CtcBench.GTN_FORWARD_MS);
        figures.put("speedup_vs_gtn", r.speedupVsGtn());
        figures.put("graph_loss", r.graphLoss());
        figures.put("direct_loss", r.directLoss());
        figures.put("frames", c.frames());
        figures.put("target_length", c.targetLength());
        figures.put("labels", c.labels());
        figures.put("aligned_states", r.alignedStates());
        figures.put("aligned_arcs", r.alignedArcs());
        return figures;
    }
}
