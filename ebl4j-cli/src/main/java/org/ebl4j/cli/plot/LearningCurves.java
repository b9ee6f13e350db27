package org.ebl4j.cli.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ebl4j.energy.train.EpochMetrics;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A PNG line chart of named series over epochs (e.g. the training loss and a test metric per epoch), drawn with
 * XChart; series i in {@link Charts#colour}(i), with a legend when there are two or more. The y axis can be
 * logarithmic (losses that fall by orders of magnitude). Every value must be finite (and positive on a log axis): a
 * NaN is rejected rather than silently dropped, since it means the run diverged. The series names and the title go
 * into the PNG metadata ("series", "title").
 */
public final class LearningCurves {
    private final String title;
    private final List<String> names = new ArrayList<>();
    private final List<double[][]> series = new ArrayList<>();
    private String yLabel = "value";
    private boolean logY;

    public LearningCurves(String title) {
        this.title = title;
    }

    /**
     * The curves of a training run: one series per value the epochs measured (in their order), except the learning
     * rate "lr", over the epoch numbers.
     */
    public static LearningCurves of(String title, List<EpochMetrics> epochs) {
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("LearningCurves.of: no epochs");
        }
        LearningCurves curves = new LearningCurves(title);
        double[] x = epochs.stream().mapToDouble(EpochMetrics::epoch).toArray();
        for (String key : epochs.get(0).values().keySet()) {
            if (!key.equals("lr")) {
                curves.series(key, x, epochs.stream().mapToDouble(m -> m.get(key)).toArray());
            }
        }
        return curves;
    }

    /** Adds the series {@code name}: value ys[i] at epoch xs[i]. */
    public LearningCurves series(String name, double[] xs, double[] ys) {
        if (names.contains(name)) {
            throw new IllegalArgumentException("LearningCurves: series '" + name + "' added twice");
        }
        if (xs.length == 0 || xs.length != ys.length) {
            throw new IllegalArgumentException("LearningCurves: series '" + name + "' needs as many epochs as values "
                    + "(at least one), got " + xs.length + " epochs and " + ys.length + " values");
        }
        for (int i = 0; i < xs.length; i++) {
            if (!Double.isFinite(xs[i]) || !Double.isFinite(ys[i])) {
                throw new IllegalArgumentException("LearningCurves: series '" + name + "' has a non-finite point ("
                        + xs[i] + ", " + ys[i] + ") at index " + i);
            }
        }
        names.add(name);
        series.add(new double[][] {xs.clone(), ys.clone()});
        return this;
    }

    /** The y axis title (default "value"). */
    public LearningCurves yLabel(String label) {
        yLabel = label;
        return this;
    }

    /** A logarithmic y axis; every value must then be positive. */
    public LearningCurves logY() {
        logY = true;
        return this;
    }

    private XYChart chart(int width, int height) {
        Charts.checkSize("LearningCurves", width, height);
        if (series.isEmpty()) {
            throw new IllegalArgumentException("LearningCurves '" + title + "': no series");
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle("epoch")
                .yAxisTitle(yLabel).build();
        Charts.style(chart.getStyler());
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setYAxisLogarithmic(logY);
        for (int i = 0; i < series.size(); i++) {
            double[][] s = series.get(i);
            if (logY) {
                for (double y : s[1]) {
                    if (y <= 0) {
                        throw new IllegalArgumentException("LearningCurves: series '" + names.get(i) + "' has the "
                                + "value " + y + ", not positive, on a logarithmic axis");
                    }
                }
            }
            XYSeries line = chart.addSeries(names.get(i), s[0], s[1]);
            line.setLineColor(Charts.colour(i));
            line.setMarkerColor(Charts.colour(i));
            line.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /** The picture, {@code width}×{@code height} pixels. */
    public BufferedImage render(int width, int height) {
        return Charts.render(chart(width, height));
    }

    /** Writes the PNG, with metadata "title" and "series" (the names, comma-separated), to {@code file}. */
    public void write(Path file, int width, int height) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("title", title);
        meta.put("series", String.join(", ", names));
        Charts.write(file, chart(width, height), meta);
    }
}
