package org.ebl4j.bench;

import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.ebl4j.kernel.Gemm;
import org.ebl4j.kernel.GemmKernel;
import org.ebl4j.kernel.MachinePeak;
import org.ebl4j.kernel.Threads;
import org.ebl4j.tensor.Storage;

/**
 * sgemm throughput of every loadable kernel (native, vector, scalar) on 1 and all threads, in one process, as
 * GFLOP/s and fraction of the machine's measured peak ({@link MachinePeak}).
 *
 * <p>Sizes are written <b>M x K x N</b>: C[M x N] = A[M x K] * B[K x N], row-major, no transposes, alpha 1, beta 0,
 * operands in off-heap {@link Storage}; flops = 2*M*N*K. Default sizes: 64x64x64, 256x256x256, 1024x1024x1024 and
 * 256x784x1024 (a 256-row batch through a 784-to-1024 layer).
 *
 * <p>Method: per (kernel, threads, size): warm up for {@link Options#warmupSeconds} (at least two calls), then run
 * calibration batches of about {@link Options#batchSeconds} (60 ms by default, so even 64^3 is timed over thousands
 * of calls) until the time per call stops falling (JIT done); time {@link Options#batches} batches and keep the
 * median time per call. The scalar kernel, ~10x slower, gets a quarter of the batch time. Before each (kernel,
 * threads) group the run pauses briefly so that idle workers of the previous one (OpenBLAS spins after a call) stop
 * competing for the cores. A default run takes ~17 s on the 2-core machine.
 *
 * <p>Other load on the machine wrecks the 2-thread figures, OpenBLAS's most of all (its threads meet at spinning
 * barriers: a preempted worker stalls the call for a scheduler time slice; 256^3 fell from ~180 to ~2 GFLOP/s
 * while another benchmark ran), so compare runs taken on a quiet machine.
 *
 * <p>{@link Result#peakFraction()} is the headline figure: native kernel, all threads, 1024^3 (or the fastest
 * available kernel when OpenBLAS does not load).
 */
public final class GemmBench {
    /** The default sizes, M x K x N. */
    public static final List<Size> DEFAULT_SIZES = List.of(new Size(64, 64, 64), new Size(256, 256, 256),
            new Size(1024, 1024, 1024), new Size(256, 784, 1024));

    private static final long QUIESCE_MS = 150;

    private GemmBench() {
    }

    /** A product size, M x K x N. */
    public record Size(int m, int k, int n) {
        public Size {
            if (m < 1 || k < 1 || n < 1) {
                throw new IllegalArgumentException("GemmBench: sizes must be positive, got " + m + "x" + k + "x" + n);
            }
        }

        /** Parses "MxKxN" or "N" (a cube). */
        public static Size parse(String s) {
            String[] p = s.trim().toLowerCase(Locale.ROOT).split("x");
            try {
                if (p.length == 1) {
                    int n = Integer.parseInt(p[0].trim());
                    return new Size(n, n, n);
                }
                if (p.length == 3) {
                    return new Size(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()),
                            Integer.parseInt(p[2].trim()));
                }
            } catch (NumberFormatException e) {
                // fall through
            }
            throw new IllegalArgumentException("GemmBench: size '" + s + "' is not MxKxN or N");
        }

        public double flops() {
            return 2.0 * m * k * n;
        }

        @Override
        public String toString() {
            return m + "x" + k + "x" + n;
        }
    }

    /**
     * What to run. {@code kernels} empty = every loadable kernel; {@code threads} empty = 1 and
     * {@link Runtime#availableProcessors()}.
     */
    public record Options(List<String> kernels, List<Integer> threads, List<Size> sizes, double warmupSeconds,
                          double batchSeconds, int batches) {
        public Options {
            kernels = List.copyOf(kernels);
            threads = List.copyOf(threads);
            sizes = List.copyOf(sizes);
            if (sizes.isEmpty() || !(warmupSeconds >= 0) || !(batchSeconds > 0) || batches < 1) {
                throw new IllegalArgumentException("GemmBench: need sizes, warmupSeconds >= 0, batchSeconds > 0, "
                        + "batches >= 1");
            }
            for (int t : threads) {
                if (t < 1) {
                    throw new IllegalArgumentException("GemmBench: thread counts must be >= 1, got " + t);
                }
            }
        }

        /** All kernels, 1 and all threads, the default sizes, 0.3 s warm-up, 5 batches of ~60 ms. */
        public static Options defaults() {
            return new Options(List.of(), List.of(), DEFAULT_SIZES, 0.3, 0.06, 5);
        }

        /**
         * A quicker run (~10 s, for smoke tests; figures are rougher): 10 ms batches. The warm-up stays at 0.2 s:
         * shorter, the vector kernel is still interpreted (~1000x slower) when timed.
         */
        public static Options quick() {
            return new Options(List.of(), List.of(), DEFAULT_SIZES, 0.2, 0.01, 3);
        }
    }

    /** One measurement. {@code peakFraction} is relative to the peak for {@code threads} threads. */
    public record Row(String kernel, int threads, Size size, double gflops, double peakFraction,
                      double medianMsPerCall, int callsPerBatch, int batches) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kernel", kernel);
            m.put("threads", threads);
            m.put("size", size.toString());
            m.put("m", size.m());
            m.put("k", size.k());
            m.put("n", size.n());
            m.put("gflops", round(gflops, 2));
            m.put("peakFraction", round(peakFraction, 4));
            m.put("msPerCall", round(medianMsPerCall, 5));
            m.put("callsPerBatch", callsPerBatch);
            m.put("batches", batches);
            return m;
        }
    }

    /** All rows plus the peak they are compared with. */
    public record Result(List<Row> rows, MachinePeak peak, List<String> kernels, List<Integer> threads,
                         List<Size> sizes, String headlineKernel, int headlineThreads, double peakFraction,
                         double seconds) {
        public Result {
            rows = List.copyOf(rows);
            kernels = List.copyOf(kernels);
            threads = List.copyOf(threads);
            sizes = List.copyOf(sizes);
        }

        /** The row for (kernel, threads, size), or null. */
        public Row find(String kernel, int threads, Size size) {
            for (Row r : rows) {
                if (r.kernel().equals(kernel) && r.threads() == threads && r.size().equals(size)) {
                    return r;
                }
            }
            return null;
        }

        /** Text table: one line per (kernel, threads), GFLOP/s and fraction of peak per size. */
        public String table() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "sgemm GFLOP/s (fraction of peak), sizes M x K x N, Java %s%n",
                    System.getProperty("java.version")));
            sb.append(String.format(Locale.ROOT, "peak: %.1f GFLOP/s on 1 thread, %.1f on %d (%s)%n",
                    peak.peakGflops(1), peak.peakGflops(peak.cores()), peak.cores(), peak.method()));
            int w = 18;
            sb.append(String.format(Locale.ROOT, "%-8s %7s", "kernel", "threads"));
            for (Size s : sizes) {
                sb.append(String.format(Locale.ROOT, " %" + w + "s", s));
            }
            sb.append(System.lineSeparator());
            for (String k : kernels) {
                for (int t : threads) {
                    sb.append(String.format(Locale.ROOT, "%-8s %7d", k, t));
                    for (Size s : sizes) {
                        Row r = find(k, t, s);
                        String cell = r == null ? "-" : String.format(Locale.ROOT, "%.1f (%.2f)", r.gflops(),
                                r.peakFraction());
                        sb.append(String.format(Locale.ROOT, " %" + w + "s", cell));
                    }
                    sb.append(System.lineSeparator());
                }
            }
            sb.append(String.format(Locale.ROOT, "headline: %s, %d threads, 1024x1024x1024 = %.2f of peak (%.1f s)%n",
                    headlineKernel, headlineThreads, peakFraction, seconds));
            return sb.toString();
        }

        /** Plain maps, lists, strings and numbers, ready for any JSON writer. */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", "gemm");
            m.put("convention", "M x K x N: C[MxN] = A[MxK] * B[KxN], row-major fp32, flops = 2*M*N*K");
            m.put("java", System.getProperty("java.version"));
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("clockGHz", round(peak.clockGHz(), 4));
            p.put("nominalClockGHz", Double.isNaN(peak.nominalClockGHz()) ? null : round(peak.nominalClockGHz(), 4));
            p.put("cores", peak.cores());
            p.put("flopsPerCycle", peak.flopsPerCycle());
            p.put("peakGflops1", round(peak.peakGflops(1), 2));
            p.put("peakGflopsAll", round(peak.peakGflops(peak.cores()), 2));
            p.put("fmaGflopsPerCore", Double.isNaN(peak.fmaGflopsPerCore()) ? null
                    : round(peak.fmaGflopsPerCore(), 2));
            p.put("method", peak.method());
            m.put("peak", p);
            m.put("kernels", kernels);
            m.put("threads", threads);
            List<String> sz = new ArrayList<>();
            for (Size s : sizes) {
                sz.add(s.toString());
            }
            m.put("sizes", sz);
            List<Object> rs = new ArrayList<>();
            for (Row r : rows) {
                rs.add(r.toJson());
            }
            m.put("rows", rs);
            m.put("headlineKernel", headlineKernel);
            m.put("headlineThreads", headlineThreads);
            m.put("peakFraction", round(peakFraction, 4));
            m.put("seconds", round(seconds, 2));
            return m;
        }
    }

    /** Runs the default benchmark: progress on stderr, the table on stdout ({@code --quick}: short batches). */
    public static void main(String[] args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        Result r = run(System.err, quick ? Options.quick() : Options.defaults());
        System.out.print(r.table());
    }

    /** The default run (see the class comment); progress lines go to {@code log} (may be null). */
    public static Result run(PrintStream log) {
        return run(log, Options.defaults());
    }

    /** Runs {@code o}; progress lines go to {@code log} (may be null). Restores the thread count afterwards. */
    public static Result run(PrintStream log, Options o) {
        long start = System.nanoTime();
        List<String> kernels = o.kernels().isEmpty() ? Gemm.available() : o.kernels();
        int all = Runtime.getRuntime().availableProcessors();
        List<Integer> threads = o.threads().isEmpty() ? (all > 1 ? List.of(1, all) : List.of(1)) : o.threads();
        MachinePeak peak = MachinePeak.get();
        if (log != null) {
            log.println("gemm bench: " + peak.method());
        }
        int savedThreads = Threads.count();
        List<Row> rows = new ArrayList<>();
        try {
            Map<Size, FloatBuffer[]> data = new LinkedHashMap<>();
            for (Size s : o.sizes()) {
                data.put(s, operands(s));
            }
            for (String name : kernels) {
                GemmKernel kernel = Gemm.get(name); // throws, naming why, if it cannot load
                boolean slow = name.equals(Gemm.SCALAR);
                for (int t : threads) {
                    Threads.set(t);
                    quiesce();
                    for (Size s : o.sizes()) {
                        Row r = measure(kernel, t, s, data.get(s), o, slow, peak);
                        rows.add(r);
                        if (log != null) {
                            log.printf(Locale.ROOT, "  %-7s %d thread%s %-15s %8.1f GFLOP/s  %.2f of peak  "
                                    + "(%.4f ms/call, %d calls x %d batches)%n", name, t, t == 1 ? " " : "s", s,
                                    r.gflops(), r.peakFraction(), r.medianMsPerCall(), r.callsPerBatch(),
                                    r.batches());
                        }
                    }
                }
            }
        } finally {
            Threads.set(savedThreads);
        }
        Size big = new Size(1024, 1024, 1024);
        int headThreads = threads.stream().mapToInt(Integer::intValue).max().orElse(1);
        String headKernel = kernels.contains(Gemm.NATIVE) ? Gemm.NATIVE : kernels.get(0);
        Row head = null;
        for (Row r : rows) {
            if (r.kernel().equals(headKernel) && r.threads() == headThreads && r.size().equals(big)) {
                head = r;
            }
        }
        double fraction = head == null ? Double.NaN : head.peakFraction();
        return new Result(rows, peak, kernels, threads, o.sizes(), headKernel, headThreads, fraction,
                (System.nanoTime() - start) / 1e9);
    }

    /** Warm-up, calibration of the batch length, then the median of {@code o.batches()} timed batches. */
    private static Row measure(GemmKernel kernel, int threads, Size s, FloatBuffer[] abc, Options o, boolean slow,
                               MachinePeak peak) {
        FloatBuffer a = abc[0], b = abc[1], c = abc[2];
        int m = s.m(), k = s.k(), n = s.n();
        double batchSeconds = o.batchSeconds() * (slow ? 0.25 : 1);
        double warmupSeconds = o.warmupSeconds() * (slow ? 0.5 : 1);
        long t0 = System.nanoTime();
        int calls = 0;
        while (calls < 2 || System.nanoTime() - t0 < warmupSeconds * 1e9) {
            kernel.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
            calls++;
        }
        double perCall = (System.nanoTime() - t0) / 1e9 / calls;
        // Calibration batches, which also finish the warm-up: repeat while the time per call still drops by more
        // than 10 % (the JIT is still compiling: interpreted Vector API code is ~1000x slower), at most 8 times.
        int reps = (int) Math.max(1, Math.min(1_000_000, Math.ceil(batchSeconds / perCall)));
        for (int round = 0; round < 8; round++) {
            long c0 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                kernel.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
            }
            double now = (System.nanoTime() - c0) / 1e9 / reps;
            reps = (int) Math.max(1, Math.min(1_000_000, Math.ceil(batchSeconds / now)));
            boolean settled = now > 0.9 * perCall;
            perCall = now;
            if (settled) {
                break;
            }
        }
        double[] secondsPerCall = new double[o.batches()];
        for (int i = 0; i < secondsPerCall.length; i++) {
            long b0 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                kernel.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
            }
            secondsPerCall[i] = (System.nanoTime() - b0) / 1e9 / reps;
        }
        double t = median(secondsPerCall);
        double gflops = s.flops() / t / 1e9;
        return new Row(kernel.name(), threads, s, gflops, gflops / peak.peakGflops(threads), t * 1e3, reps,
                o.batches());
    }

    /** Random operands in off-heap storage: A (M x K), B (K x N), C (M x N). */
    public static FloatBuffer[] operands(Size s) {
        Random rnd = new Random(s.m() * 31L + s.k() * 7L + s.n());
        return new FloatBuffer[] {random(rnd, s.m() * s.k()), random(rnd, s.k() * s.n()),
                Storage.allocate((long) s.m() * s.n()).buffer()};
    }

    private static FloatBuffer random(Random rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = rnd.nextFloat() * 2f - 1f;
        }
        return Storage.of(x).buffer();
    }

    private static void quiesce() {
        try {
            Thread.sleep(QUIESCE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double round(double v, int digits) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
