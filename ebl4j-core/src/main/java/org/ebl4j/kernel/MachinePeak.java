package org.ebl4j.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine's single-precision peak, {@code cores x flopsPerCycle x clock}, with the clock <em>measured</em>.
 *
 * <p>Why measure: {@code /proc/cpuinfo} reports a nominal (or current, or hypervisor-fixed) frequency; on the 2-core
 * EPYC VMs this project runs on it says 2.4-2.6 GHz while the cores really run at ~3.1-3.2 GHz, so a fraction of peak
 * computed from it would be inflated.
 *
 * <p>Method (clock): a single dependent chain of integer operations each with a latency of exactly one cycle on every
 * x86-64 (and ARMv8) core: {@code x = (x + K1) ^ K2}, 32 operations per loop iteration. Each operation needs the
 * previous result, so the chain runs one operation per cycle no matter how wide the core is; loop bookkeeping runs in
 * parallel on other ALUs. Alternating add and xor defeats C2's reassociation/constant folding (it cannot merge
 * {@code (x+K1)^K2} into one operation), and the result is consumed, so the loop cannot be removed. Clock = operations
 * / seconds; the best of several ~20 ms samples is kept (interference only slows the loop down). On the project's
 * 2-core EPYC (Zen 4) VMs this reads 3.1-3.7 GHz depending on the host (3.67 GHz where /proc/cpuinfo said 2.596),
 * and the FMA cross-check below agrees to within 1 % (32.2 flop/cycle measured at that clock).
 *
 * <p>flop/cycle: 32 by default (two 256-bit FMA pipes x 8 floats x 2 flops: Haswell and later, Zen 2-4 - Zen 4 runs
 * 512-bit FMAs at half rate, so also 32); system property {@code ebl4j.peak.flopsPerCycle} overrides it (e.g. 64 for
 * Intel server cores with two 512-bit FMA units). When the Vector API is present the FMA throughput of one core is
 * also measured directly (12 independent accumulator chains, see {@code VectorGemm.fmaGflops}) and reported as a
 * cross-check ({@link #fmaGflopsPerCore()}, {@link #measuredFlopsPerCycle()}).
 *
 * <p>cores = {@link Runtime#availableProcessors()}; {@code peakGflops(t) = min(t, cores) x flopsPerCycle x clock}.
 */
public final class MachinePeak {
    private static final int OPS_PER_ITER = 32;
    private static volatile MachinePeak cached;
    /** Sink so the chain's result is used. */
    static volatile long sink;

    private final double clockGHz;
    private final int cores;
    private final int flopsPerCycle;
    private final double nominalGHz;
    private final double fmaGflopsPerCore;

    private MachinePeak(double clockGHz, int cores, int flopsPerCycle, double nominalGHz, double fmaGflopsPerCore) {
        this.clockGHz = clockGHz;
        this.cores = cores;
        this.flopsPerCycle = flopsPerCycle;
        this.nominalGHz = nominalGHz;
        this.fmaGflopsPerCore = fmaGflopsPerCore;
    }

    /** The measurement, taken once per JVM (about 0.3 s the first time). */
    public static MachinePeak get() {
        MachinePeak p = cached;
        if (p == null) {
            synchronized (MachinePeak.class) {
                p = cached;
                if (p == null) {
                    p = measure();
                    cached = p;
                }
            }
        }
        return p;
    }

    /** A fresh measurement. */
    public static MachinePeak measure() {
        double clock = measureClockGHz(7, 20_000_000L);
        double fma = vectorFmaGflops(100_000_000L);
        // interference only slows the chain down: keep the best clock of samples taken before and after the FMA loop
        clock = Math.max(clock, measureClockGHz(7, 20_000_000L));
        int fpc = Integer.getInteger("ebl4j.peak.flopsPerCycle", 32);
        return new MachinePeak(clock, Runtime.getRuntime().availableProcessors(), fpc, readNominalClockGHz(), fma);
    }

    /** Measured core clock in GHz. */
    public double clockGHz() {
        return clockGHz;
    }

    /** Logical processors available to the JVM. */
    public int cores() {
        return cores;
    }

    /** Single-precision flops per cycle per core used for the peak (32 unless overridden). */
    public int flopsPerCycle() {
        return flopsPerCycle;
    }

    /** Peak GFLOP/s on {@code threads} threads: {@code min(threads, cores) x flopsPerCycle x clock}. */
    public double peakGflops(int threads) {
        return Math.max(1, Math.min(threads, cores)) * flopsPerCycle * clockGHz;
    }

    /** Frequency the OS reports (/proc/cpuinfo), NaN if unknown. */
    public double nominalClockGHz() {
        return nominalGHz;
    }

    /** FMA throughput of one core measured with the Vector API, GFLOP/s; NaN when the module is absent. */
    public double fmaGflopsPerCore() {
        return fmaGflopsPerCore;
    }

    /** {@link #fmaGflopsPerCore()} / {@link #clockGHz()}; NaN when not measured. */
    public double measuredFlopsPerCycle() {
        return fmaGflopsPerCore / clockGHz;
    }

    /** One line saying how the figures were obtained. */
    public String method() {
        String s = String.format(Locale.ROOT,
                "clock measured with a dependent chain of 1-cycle integer ops (add/xor) = %.3f GHz%s; "
                        + "peak = %d cores x %d flop/cycle x clock",
                clockGHz, Double.isNaN(nominalGHz) ? "" : String.format(Locale.ROOT,
                        " (/proc/cpuinfo says %.3f GHz)", nominalGHz), cores, flopsPerCycle);
        if (!Double.isNaN(fmaGflopsPerCore)) {
            s += String.format(Locale.ROOT, "; Vector-API FMA loop on 1 core: %.1f GFLOP/s = %.1f flop/cycle",
                    fmaGflopsPerCore, measuredFlopsPerCycle());
        }
        return s;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "MachinePeak[clock=%.3f GHz, cores=%d, %d flop/cycle, peak=%.1f GFLOP/s "
                + "(1 thread %.1f)]", clockGHz, cores, flopsPerCycle, peakGflops(cores), peakGflops(1));
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Best of {@code samples} runs of the dependent chain, each about {@code nanos} long. */
    static double measureClockGHz(int samples, long nanos) {
        long x = 1;
        for (int i = 0; i < 20; i++) { // get chain() compiled by C2 (not just OSR) before timing
            x += chain(x, 20_000);
        }
        int iters = 20_000;
        while (true) { // size a sample to ~nanos
            long t0 = System.nanoTime();
            x += chain(x, iters);
            long dt = System.nanoTime() - t0;
            if (dt >= nanos / 4 || iters > (1 << 29)) {
                iters = (int) Math.min(1L << 30, Math.max(1, (long) ((double) iters * nanos / Math.max(1, dt))));
                break;
            }
            iters *= 4;
        }
        double best = 0;
        for (int s = 0; s < samples; s++) {
            long t0 = System.nanoTime();
            x += chain(x, iters);
            long dt = System.nanoTime() - t0;
            best = Math.max(best, (double) iters * OPS_PER_ITER / dt);
        }
        sink = x;
        return best;
    }

    /** 32 dependent single-cycle integer ops per iteration. */
    static long chain(long x, int iters) {
        for (int i = 0; i < iters; i++) {
            x = (x + 0x5bd1e995L) ^ 0x2c1b3c6dL;
            x = (x + 0x297a2d39L) ^ 0x6b43a9b5L;
            x = (x + 0x5bd1e995L) ^ 0x2c1b3c6dL;
            x = (x + 0x297a2d39L) ^ 0x6b43a9b5L;
            x = (x + 0x5bd1e995L) ^ 0x2c1b3c6dL;
            x = (x + 0x297a2d39L) ^ 0x6b43a9b5L;
            x = (x + 0x5bd1e995L) ^ 0x2c1b3c6dL;
            x = (x + 0x297a2d39L) ^ 0x6b43a9b5L;
            x = (x + 0x5bd1e995L) ^ 0x2c1b3c6dL;
            x = (x + 0x297a2d39L) ^ 0x6b43a9b5L;
            x = (x + 0x5bd1e995L) ^ 0x2c1b3c6dL;
            x = (x + 0x297a2d39L) ^ 0x6b43a9b5L;
            x = (x + 0x5bd1e995L) ^ 0x2c1b3c6dL;
            x = (x + 0x297a2d39L) ^ 0x6b43a9b5L;
            x = (x + 0x5bd1e995L) ^ 0x2c1b3c6dL;
            x = (x + 0x297a2d39L) ^ 0x6b43a9b5L;
        }
        return x;
    }

    /** /proc/cpuinfo's "cpu MHz" (or the "@ x.xxGHz" of the model name), NaN if not found. */
    static double readNominalClockGHz() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                if (line.startsWith("cpu MHz")) {
                    return Double.parseDouble(line.substring(line.indexOf(':') + 1).trim()) / 1000.0;
                }
            }
            Pattern ghz = Pattern.compile("@\\s*([0-9.]+)\\s*GHz");
            for (String line : lines) {
                Matcher mt = ghz.matcher(line);
                if (line.startsWith("model name") && mt.find()) {
                    return Double.parseDouble(mt.group(1));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or unreadable: unknown
        }
        return Double.NaN;
    }

    /** VectorGemm.fmaGflops by reflection (the Vector API may be absent); NaN if unavailable. */
    static double vectorFmaGflops(long nanos) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return Double.NaN;
        }
        try {
            Class<?> cls = Class.forName("org.ebl4j.kernel.VectorGemm");
            return (Double) cls.getMethod("fmaGflops", long.class).invoke(null, nanos);
        } catch (Throwable e) {
            return Double.NaN;
        }
    }
}
