package org.ebl4j.cli.run;

import java.io.PrintWriter;
import java.util.Locale;

import org.ebl4j.energy.train.EpochMetrics;

/**
 * Progress of a training run on standard error: epoch, batch i/n, elapsed time, estimated time left (from the
 * rate of the batches done since this run started or resumed) and the latest value of the run's headline metric.
 * In {@link Mode#BAR} mode (a terminal) one line is redrawn in place with a carriage return, at most ten times a
 * second; in {@link Mode#LINES} mode (a log file) a plain line is printed at most every {@value #LINE_SECONDS}
 * seconds. Both print one summary line per epoch; neither writes terminal escape sequences.
 */
public final class ProgressBar {
    /** How progress is shown. */
    public enum Mode { BAR, LINES, OFF }

    private static final int LINE_SECONDS = 10;
    private static final int WIDTH = 24;

    private final PrintWriter err;
    private final Mode mode;
    private final int epochs;
    private final String metric;
    private final long start = System.nanoTime();
    private long startDone = -1;
    private long lastDraw = start;
    private int drawn;
    private double latest = Double.NaN;

    /** Progress of {@code epochs} epochs; {@code metric} is the epoch value shown next to the bar. */
    public ProgressBar(PrintWriter err, Mode mode, int epochs, String metric) {
        this.err = err;
        this.mode = mode;
        this.epochs = epochs;
        this.metric = metric;
    }

    /** BAR when standard input and output are a terminal (the JVM offers no test for standard error), else LINES. */
    public static Mode auto() {
        return System.console() != null ? Mode.BAR : Mode.LINES;
    }

    /** Batch {@code batch} of {@code batches} in {@code epoch} is done. */
    public void batch(int epoch, int batch, int batches) {
        long done = (long) (epoch - 1) * batches + batch;
        if (startDone < 0) {
            startDone = done - 1;
        }
        long now = System.nanoTime();
        boolean last = batch == batches;
        if (mode == Mode.OFF || (mode == Mode.BAR && now - lastDraw < 100_000_000L && !last)
                || (mode == Mode.LINES && now - lastDraw < LINE_SECONDS * 1_000_000_000L)) {
            return;
        }
        lastDraw = now;
        double elapsed = (now - start) / 1e9;
        long total = (long) epochs * batches;
        double eta = elapsed / Math.max(1, done - startDone) * (total - done);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d ", epoch, epochs));
        if (mode == Mode.BAR) {
            int filled = (int) ((long) WIDTH * batch / batches);
            line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
        }
        line.append(String.format(Locale.ROOT, "batch %d/%d  %s elapsed  ETA %s", batch, batches, clock(elapsed),
                clock(eta)));
        if (!Double.isNaN(latest)) {
            line.append(String.format(Locale.ROOT, "  %s %.5g", metric, latest));
        }
        if (mode == Mode.BAR) {
            String text = line.toString();
            err.print("\r" + text + " ".repeat(Math.max(0, drawn - text.length())));
            drawn = text.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** An epoch ended: prints its summary on a line of its own. */
    public void epoch(EpochMetrics m) {
        Double v = m.values().get(metric);
        latest = v == null ? Double.NaN : v;
        if (mode == Mode.OFF) {
            return;
        }
        if (mode == Mode.BAR && drawn > 0) {
            err.print("\r" + " ".repeat(drawn) + "\r");
            drawn = 0;
        }
        err.println(m.summary());
        err.flush();
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
