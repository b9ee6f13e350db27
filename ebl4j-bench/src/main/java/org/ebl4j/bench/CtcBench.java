package org.ebl4j.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Supplier;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.structured.gtn.Compose;
import org.ebl4j.structured.gtn.Ctc;
import org.ebl4j.structured.gtn.CtcForwardBackward;
import org.ebl4j.structured.gtn.Graph;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * Timing of the CTC loss of one sequence built from graph operations ({@link Ctc#loss}: the linear graph of the
 * emissions intersected with the CTC graph of the target, forward scores) and by the direct α-β recursion
 * ({@link CtcForwardBackward}), beside gtn's CPU figure for the same problem. Emissions are −log softmax of standard
 * normal logits, [T, L] with the blank at label 0; the target has U labels drawn uniformly from 1..L−1 (so it has
 * some repeats). Each figure is the median over {@link Config#repeats()} runs after {@link Config#warmup()} runs that
 * let the JIT compile the code; forward+backward computes the loss (emissions requiring a gradient) and its gradient
 * with respect to the emissions.
 */
public final class CtcBench {
    /**
     * gtn's CTC forward on CPU, T = 1000, U = 100, 28 labels, one sequence, in ms: facebookresearch/gtn's benchmark
     * measured on this machine kind, as quoted in the ebl4j issue 5 (item 6). Not re-measured here.
     */
    public static final double GTN_FORWARD_MS = 131.6;

    private CtcBench() {
    }

    /** Problem size and repetitions; the constructor rejects values out of range. */
    public record Config(int frames, int targetLength, int labels, int warmup, int repeats, long seed) {
        public Config {
            if (frames < 1 || targetLength < 0 || targetLength > frames || labels < 2 || warmup < 0 || repeats < 1) {
                throw new IllegalArgumentException("CtcBench: need frames >= 1, target length in 0..frames, labels >= "
                        + "2 (with the blank), warmup >= 0 and repeats >= 1; got frames=" + frames + ", targetLength="
                        + targetLength + ", labels=" + labels + ", warmup=" + warmup + ", repeats=" + repeats);
            }
        }

        /** gtn's benchmark: T = 1000, U = 100, 28 labels, 20 warm-up runs, 30 timed. */
        public static Config standard(long seed) {
            return new Config(1000, 100, 28, 20, 30, seed);
        }
    }

    /** Medians in ms, the losses both ways, and the size of the intersected graph. */
    public record Result(double graphForwardMs, double graphBackwardMs, double directForwardMs,
                         double directBackwardMs, double graphLoss, double directLoss, int alignedStates,
                         int alignedArcs) {
        public double speedupVsGtn() {
            return GTN_FORWARD_MS / graphForwardMs;
        }
    }

    public static Result run(Config c, PrintWriter log) {
        Rng rng = new Rng(c.seed());
        Tensor emissions = rng.normal(0f, 1f, c.frames(), c.labels()).logSoftmax(1).neg().contiguousCopy()
                .requiresGrad(true);
        int[] target = new int[c.targetLength()];
        for (int u = 0; u < target.length; u++) {
            target[u] = 1 + rng.nextInt(c.labels() - 1);
        }
        log.printf(Locale.ROOT, "ctc: T=%d, U=%d, %d labels (blank 0), %d warm-up runs, median of %d%n", c.frames(),
                c.targetLength(), c.labels(), c.warmup(), c.repeats());
        log.flush();
        double graphForward = time(c, () -> Ctc.loss(emissions, target, 0));
        double graphBackward = time(c, () -> Autodiff.grad(Ctc.loss(emissions, target, 0), emissions));
        double directForward = time(c, () -> CtcForwardBackward.loss(emissions, target, 0));
        double directBackward = time(c, () -> Autodiff.grad(CtcForwardBackward.loss(emissions, target, 0),
                emissions));
        Graph aligned = Compose.intersect(Graph.linear(emissions), Ctc.graph(target, 0));
        Result r = new Result(graphForward, graphBackward, directForward, directBackward,
                Ctc.loss(emissions, target, 0).item(), CtcForwardBackward.loss(emissions, target, 0).item(),
                aligned.states(), aligned.arcs());
        print(c, r, log);
        return r;
    }

    private static double time(Config c, Supplier<Tensor> run) {
        for (int i = 0; i < c.warmup(); i++) {
            run.get();
        }
        double[] ms = new double[c.repeats()];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            run.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return MlpBench.median(ms);
    }

    private static void print(Config c, Result r, PrintWriter log) {
        log.printf(Locale.ROOT, "%nCTC loss, one sequence, T=%d, U=%d, %d labels; emissions ∩ CTC graph: %d states, "
                + "%d arcs%n", c.frames(), c.targetLength(), c.labels(), r.alignedStates(), r.alignedArcs());
        String row = "%-34s %12s %18s%n";
        log.printf(Locale.ROOT, row, "implementation", "forward", "forward+backward");
        log.printf(Locale.ROOT, row, "ebl4j graphs (intersect, forward)", ms(r.graphForwardMs()),
                ms(r.graphBackwardMs()));
        log.printf(Locale.ROOT, row, "ebl4j direct α-β (Graves 2006)", ms(r.directForwardMs()),
                ms(r.directBackwardMs()));
        log.printf(Locale.ROOT, row, "gtn (CPU) *", ms(GTN_FORWARD_MS), "");
        log.printf(Locale.ROOT, "loss: graphs %.6f, direct %.6f; ebl4j graphs vs gtn forward: %.1fx faster%n",
                r.graphLoss(), r.directLoss(), r.speedupVsGtn());
        log.println("* facebookresearch/gtn CTC benchmark on CPU, same sizes, measured on this machine kind (quoted "
                + "from ebl4j issue 5, not re-measured)");
        log.flush();
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.2f ms", v);
    }
}
