package org.ebl4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.ebl4j.kernel.Gemm;
import org.ebl4j.kernel.Threads;
import org.ebl4j.nn.Linear;
import org.ebl4j.nn.Layer;
import org.ebl4j.nn.ReLU;
import org.ebl4j.nn.Sequential;
import org.ebl4j.optim.Sgd;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * Side-by-side timing of one MLP training step in ebl4j and in PyTorch (Debian's {@code python3-torch}, run by
 * {@code /usr/bin/python3} with the script {@code mlp_torch.py}): Linear(in, hidden), ReLU, Linear(hidden, classes),
 * cross-entropy, backward, SGD with momentum, on one synthetic mini-batch of the same shape on both sides.
 *
 * <p>Method: both sides use the same thread count (torch's OpenMP and OpenBLAS pools included, see
 * {@link #torchEnvironment}) and warm up; then rounds alternate (an ebl4j round, a torch round, ..., each after a
 * short pause that lets the other side's workers stop spinning) so that both see the same machine state; each round
 * times K consecutive steps (K chosen so that an ebl4j round lasts about {@link Config#roundSeconds()}); the figure
 * of each side is the median over rounds of the time per step. {@link Result#speedupVsTorch()} = torch time / ebl4j
 * time (above 1: ebl4j is faster).
 *
 * <p>{@link #profile} splits the ebl4j step into forward, backward and update, times the step's five matrix products
 * alone, and measures the memory one step allocates.
 */
public final class MlpBench {
    /** Resource name of the PyTorch side. */
    public static final String TORCH_SCRIPT = "mlp_torch.py";
    /** Debian package providing torch for {@code /usr/bin/python3}. */
    /** Debian packages for the torch side: PyTorch and the OpenBLAS it should run on. */
    public static final List<String> TORCH_PACKAGES = List.of("python3-torch", "libopenblas0-pthread");
    /** Present when an OpenBLAS provides the system BLAS that Debian's torch loads. */
    static final String OPENBLAS_LIBRARY = "/usr/lib/x86_64-linux-gnu/libopenblas.so.0";
    /**
     * Pause before each timed round, so that the other side's idle worker threads (OpenBLAS and OpenMP spin a while
     * after their last task) have gone to sleep and do not steal a core from the round.
     */
    static final long QUIESCE_MS = 150;

    private MlpBench() {
    }

    /** Benchmark settings; the constructor rejects values out of range. */
    public record Config(int threads, int batch, int inputs, int hidden, int classes, double lr, double momentum,
                         int warmupSteps, int rounds, double roundSeconds, String python, long seed) {
        public Config {
            if (threads < 1 || batch < 1 || inputs < 1 || hidden < 1 || classes < 2 || warmupSteps < 0 || rounds < 1
                    || !(roundSeconds > 0)) {
                throw new IllegalArgumentException("MlpBench: need threads, batch, inputs, hidden, rounds >= 1, "
                        + "classes >= 2, warmupSteps >= 0 and roundSeconds > 0; got threads=" + threads + ", batch="
                        + batch + ", inputs=" + inputs + ", hidden=" + hidden + ", classes=" + classes
                        + ", warmupSteps=" + warmupSteps + ", rounds=" + rounds + ", roundSeconds=" + roundSeconds);
            }
        }

        /**
         * The MNIST-sized step: 784-256-10, batch 128, lr 0.1, momentum 0.9, 10 rounds of ~0.3 s after 3,000
         * warm-up steps (~3 s: with 200, the first rounds still ran 1.5-2x slower while the JIT compiled).
         */
        public static Config standard(int threads) {
            return new Config(threads, 128, 784, 256, 10, 0.1, 0.9, 3000, 10, 0.3, "/usr/bin/python3", 1);
        }

        /** Multiply-adds x 2 of the step's five matrix products (forward 2, backward 3). */
        public double flopsPerStep() {
            double fwd = (double) batch * inputs * hidden + (double) batch * hidden * classes;
            double bwd = (double) hidden * inputs * batch + 2.0 * classes * hidden * batch;
            return 2 * (fwd + bwd);
        }
    }

    /** Milliseconds per step of each round, both sides, and the torch version. */
    public record Result(Config config, String torchVersion, int stepsPerRound, double[] ebl4jRoundsMs,
                         double[] torchRoundsMs) {
        public double ebl4jMsPerStep() {
            return median(ebl4jRoundsMs);
        }

        public double torchMsPerStep() {
            return median(torchRoundsMs);
        }

        /** torch time / ebl4j time. */
        public double speedupVsTorch() {
            return torchMsPerStep() / ebl4jMsPerStep();
        }
    }

    /**
     * Where an ebl4j step spends its time (medians, ms): the phases, the five products alone ({@code gemmMs}),
     * direct (tensor) memory and heap allocated by one step, and the time to allocate that direct memory alone.
     */
    public record Profile(double stepMs, double forwardMs, double backwardMs, double updateMs, double gemmMs,
                          double gemmGflops, long directBytesPerStep, long directBuffersPerStep,
                          double directAllocMs, long heapBytesPerStep) {
        /** What is neither a product nor allocation: element-wise kernels, reductions, copies, graph bookkeeping. */
        public double otherMs() {
            return stepMs - gemmMs - directAllocMs;
        }
    }

    /** One ebl4j training step on a fixed synthetic batch. */
    static final class Step {
        final Layer model;
        final Sgd sgd;
        final Tensor x;
        final Indices labels;
        /** Time stamps of the last {@link #run}: start, after forward, after backward, after update. */
        final long[] marks = new long[4];

        Step(Config c) {
            Rng rng = new Rng(c.seed());
            model = new Sequential(new Linear(c.inputs(), c.hidden(), rng), new ReLU(),
                    new Linear(c.hidden(), c.classes(), rng));
            sgd = new Sgd(model.parameters(), c.lr(), c.momentum());
            x = rng.uniform(0f, 1f, c.batch(), c.inputs());
            int[] y = new int[c.batch()];
            for (int i = 0; i < y.length; i++) {
                y[i] = rng.nextInt(c.classes());
            }
            labels = new Indices(new int[] {c.batch(), 1}, y);
        }

        float run() {
            marks[0] = System.nanoTime();
            sgd.zeroGrad();
            Tensor loss = model.forward(x).logSoftmax(1).gather(1, labels).mean().neg();
            marks[1] = System.nanoTime();
            loss.backward();
            marks[2] = System.nanoTime();
            sgd.step();
            marks[3] = System.nanoTime();
            return loss.item();
        }

        /** Milliseconds per step over {@code k} consecutive steps. */
        double round(int k) {
            long t0 = System.nanoTime();
            for (int i = 0; i < k; i++) {
                run();
            }
            return (System.nanoTime() - t0) / 1e6 / k;
        }
    }

    /** Runs the comparison, logging progress and a table to {@code log}. */
    public static Result run(Config c, PrintWriter log) throws IOException, InterruptedException {
        Threads.set(c.threads());
        PythonReference.ensure("bench mlp", c.python(), "torch", TORCH_PACKAGES, log);
        try (Torch torch = new Torch(c, log)) {
            Step step = new Step(c);
            log.printf(Locale.ROOT, "warming up ebl4j (%d steps, GEMM kernel %s)%n", c.warmupSteps(),
                    Gemm.kernel().name());
            log.flush();
            step.round(Math.max(1, c.warmupSteps()));
            double[] probes = new double[5];
            for (int i = 0; i < probes.length; i++) {
                probes[i] = step.round(10);
            }
            int k = (int) Math.max(5, Math.min(10_000, Math.round(c.roundSeconds() * 1000 / median(probes))));
            double[] ours = new double[c.rounds()];
            double[] theirs = new double[c.rounds()];
            log.printf(Locale.ROOT, "%d alternating rounds of %d steps%n%-7s %14s %14s%n", c.rounds(), k, "round",
                    "ebl4j ms/step", "torch ms/step");
            for (int r = 0; r < c.rounds(); r++) {
                Thread.sleep(QUIESCE_MS);
                ours[r] = step.round(k);
                Thread.sleep(QUIESCE_MS);
                theirs[r] = torch.round(k);
                log.printf(Locale.ROOT, "%-7d %14.3f %14.3f%n", r + 1, ours[r], theirs[r]);
                log.flush();
            }
            Result res = new Result(c, torch.version, k, ours, theirs);
            log.printf(Locale.ROOT, "%-7s %14.3f %14.3f%n", "median", res.ebl4jMsPerStep(), res.torchMsPerStep());
            log.printf(Locale.ROOT, "MLP %d-%d-%d, batch %d, SGD momentum %s, %d threads, torch %s: torch time / "
                    + "ebl4j time = %.2f%n", c.inputs(), c.hidden(), c.classes(), c.batch(), c.momentum(),
                    c.threads(), torch.version, res.speedupVsTorch());
            log.flush();
            return res;
        }
    }

    /** Profiles {@code steps} ebl4j steps after warm-up (no torch involved). */
    public static Profile profile(Config c, int steps) {
        Threads.set(c.threads());
        Step step = new Step(c);
        step.round(Math.max(1, c.warmupSteps()));
        double[] total = new double[steps];
        double[] fwd = new double[steps];
        double[] bwd = new double[steps];
        double[] upd = new double[steps];
        long[] direct = new long[steps];
        long[] buffers = new long[steps];
        long[] heap = new long[steps];
        BufferPoolMXBean pool = directPool();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        for (int i = 0; i < steps; i++) {
            long d0 = pool.getMemoryUsed();
            long b0 = pool.getCount();
            long h0 = mx.getThreadAllocatedBytes(tid);
            step.run();
            heap[i] = mx.getThreadAllocatedBytes(tid) - h0;
            direct[i] = pool.getMemoryUsed() - d0;
            buffers[i] = pool.getCount() - b0;
            long[] m = step.marks;
            total[i] = (m[3] - m[0]) / 1e6;
            fwd[i] = (m[1] - m[0]) / 1e6;
            bwd[i] = (m[2] - m[1]) / 1e6;
            upd[i] = (m[3] - m[2]) / 1e6;
        }
        long directBytes = medianLong(direct);
        long directCount = medianLong(buffers);
        double gemmMs = gemmOnlyMs(c, steps);
        return new Profile(median(total), median(fwd), median(bwd), median(upd), gemmMs,
                c.flopsPerStep() / (gemmMs * 1e6), directBytes, directCount, allocMs(directBytes, directCount, steps),
                medianLong(heap));
    }

    /** Writes a profile as a small table. */
    public static void print(Profile p, Config c, PrintWriter log) {
        log.printf(Locale.ROOT, "profile of the ebl4j step (%d threads, medians):%n", c.threads());
        log.printf(Locale.ROOT, "  %-52s %8.3f ms%n", "whole step", p.stepMs());
        log.printf(Locale.ROOT, "  %-52s %8.3f ms%n", "  forward + loss", p.forwardMs());
        log.printf(Locale.ROOT, "  %-52s %8.3f ms%n", "  backward", p.backwardMs());
        log.printf(Locale.ROOT, "  %-52s %8.3f ms%n", "  SGD update", p.updateMs());
        log.printf(Locale.ROOT, "  %-52s %8.3f ms  (%.0f GFLOP/s)%n", String.format(Locale.ROOT,
                "the 5 matrix products alone (%.1f MFLOP)", c.flopsPerStep() / 1e6), p.gemmMs(), p.gemmGflops());
        log.printf(Locale.ROOT, "  %-52s %8.3f ms  (%.2f MB in %d buffers)%n", "allocating the step's tensors alone",
                p.directAllocMs(), p.directBytesPerStep() / 1e6, p.directBuffersPerStep());
        log.printf(Locale.ROOT, "  %-52s %8.3f ms%n", "rest: element-wise, reductions, copies, graph", p.otherMs());
        log.printf(Locale.ROOT, "  %-52s %8.1f kB%n", "heap allocated per step", p.heapBytesPerStep() / 1e3);
        log.flush();
    }

    /**
     * The step's matrix products alone, with the transpose flags the autodiff matmul uses (y = x Wᵀ forward;
     * dW = gᵀx and dx = gW backward; no dx for the input layer): median ms over {@code reps} repetitions.
     */
    static double gemmOnlyMs(Config c, int reps) {
        int b = c.batch();
        int in = c.inputs();
        int h = c.hidden();
        int o = c.classes();
        FloatBuffer x = buffer(b * in);
        FloatBuffer w1 = buffer(h * in);
        FloatBuffer a1 = buffer(b * h);
        FloatBuffer w2 = buffer(o * h);
        FloatBuffer s = buffer(b * o);
        FloatBuffer dw2 = buffer(o * h);
        FloatBuffer da1 = buffer(b * h);
        FloatBuffer dw1 = buffer(h * in);
        Runnable products = () -> {
            Gemm.sgemm(false, true, b, h, in, 1f, x, 0, in, w1, 0, in, 0f, a1, 0, h);
            Gemm.sgemm(false, true, b, o, h, 1f, a1, 0, h, w2, 0, h, 0f, s, 0, o);
            Gemm.sgemm(true, false, o, h, b, 1f, s, 0, o, a1, 0, h, 0f, dw2, 0, h);
            Gemm.sgemm(false, false, b, h, o, 1f, s, 0, o, w2, 0, h, 0f, da1, 0, h);
            Gemm.sgemm(true, false, h, in, b, 1f, da1, 0, h, x, 0, in, 0f, dw1, 0, in);
        };
        for (int i = 0; i < reps; i++) {
            products.run();
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            products.run();
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        return median(t);
    }

    /** Median ms to allocate {@code count} zeroed direct float buffers totalling {@code bytes}, like a step does. */
    private static double allocMs(long bytes, long count, int reps) {
        if (count <= 0 || bytes <= 0) {
            return 0;
        }
        int size = (int) (bytes / count / Float.BYTES);
        double[] t = new double[reps];
        List<FloatBuffer> keep = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            keep.clear();
            long t0 = System.nanoTime();
            for (long j = 0; j < count; j++) {
                keep.add(buffer(size));
            }
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        return median(t);
    }

    private static FloatBuffer buffer(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(java.nio.ByteOrder.nativeOrder())
                .asFloatBuffer();
    }

    private static BufferPoolMXBean directPool() {
        for (BufferPoolMXBean p : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (p.getName().equals("direct")) {
                return p;
            }
        }
        throw new IllegalStateException("MlpBench: this JVM exposes no 'direct' buffer pool");
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static long medianLong(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    // ---------------------------------------------------------------- the torch side


    /**
     * Environment of the torch process: its OpenMP pool and the OpenBLAS pool under it both get {@code threads}
     * threads (torch.set_num_threads alone leaves Debian's pthread OpenBLAS at one thread per core), and OpenMP
     * workers sleep rather than spin when idle unless {@code env} already sets OMP_WAIT_POLICY: with the default
     * spinning, the two pools fight over the cores and a 2-thread step measured 4-10 ms instead of ~1.1-1.7 ms on a
     * 2-core machine.
     */
    static Map<String, String> torchEnvironment(int threads, Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("OMP_NUM_THREADS", Integer.toString(threads));
        out.put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
        out.put("OMP_WAIT_POLICY", env.getOrDefault("OMP_WAIT_POLICY", "PASSIVE"));
        return out;
    }



    /** The running PyTorch process, driven one round at a time. */
    private static final class Torch implements AutoCloseable {
        private final Process process;
        private final BufferedReader out;
        private final PrintWriter in;
        private final Path script;
        final String version;

        Torch(Config c, PrintWriter log) throws IOException {
            script = Files.createTempFile("ebl4j-mlp-torch", ".py");
            try (InputStream res = MlpBench.class.getResourceAsStream(TORCH_SCRIPT)) {
                if (res == null) {
                    throw new IOException("bench mlp: resource " + TORCH_SCRIPT + " is missing from the jar");
                }
                Files.copy(res, script, StandardCopyOption.REPLACE_EXISTING);
            }
            log.printf(Locale.ROOT, "starting PyTorch (%s %s, %d threads) and warming it up%n", c.python(),
                    TORCH_SCRIPT, c.threads());
            log.flush();
            ProcessBuilder pb = new ProcessBuilder(c.python(), script.toString(), "--threads",
                    Integer.toString(c.threads()), "--batch", Integer.toString(c.batch()), "--inputs",
                    Integer.toString(c.inputs()), "--hidden", Integer.toString(c.hidden()), "--classes",
                    Integer.toString(c.classes()), "--lr", Double.toString(c.lr()), "--momentum",
                    Double.toString(c.momentum()), "--warmup", Integer.toString(c.warmupSteps()), "--seed",
                    Long.toString(c.seed()));
            pb.environment().putAll(torchEnvironment(c.threads(), System.getenv()));
            process = pb.redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = PythonReference.reader(process.getInputStream());
            in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            try {
                version = expect("ready")[1];
            } catch (IOException | RuntimeException e) {
                process.destroy();
                Files.deleteIfExists(script);
                throw e;
            }
        }

        double round(int k) throws IOException {
            in.println("round " + k);
            return Double.parseDouble(expect("ms")[1]);
        }

        private String[] expect(String word) throws IOException {
            String line = out.readLine();
            if (line == null) {
                throw new IOException("bench mlp: the PyTorch process ended early" + exitCode() + " (see its "
                        + "messages above)");
            }
            String[] parts = line.trim().split("\\s+");
            if (!parts[0].equals(word) || parts.length < 2) {
                throw new IOException("bench mlp: expected '" + word + " ...' from the PyTorch process, got '" + line
                        + "'");
            }
            return parts;
        }

        private String exitCode() {
            try {
                return process.waitFor(5, TimeUnit.SECONDS) ? " with exit code " + process.exitValue() : "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }

        @Override
        public void close() throws IOException {
            in.println("quit");
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroy();
                }
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
            } finally {
                Files.deleteIfExists(script);
            }
        }
    }
}
