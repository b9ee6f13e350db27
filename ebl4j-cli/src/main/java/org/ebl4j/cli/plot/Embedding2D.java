package org.ebl4j.cli.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A PNG scatter plot of 2-D points coloured by an integer label, e.g. the embeddings G_W(X) a Siamese network learns
 * with DrLIM (Hadsell, Chopra &amp; LeCun 2006), where points of one class should gather; drawn with XChart, label
 * k in {@link Charts#colour}(k), with a legend "k" per label (when there are two or more labels). Coordinates must be
 * finite. Metadata: "title" and "labels" (the labels present, ascending).
 */
public final class Embedding2D {
    private final String title;
    private final Map<Integer, double[][]> byLabel = new TreeMap<>();

    /**
     * The points (points[2i], points[2i + 1]) with label labels[i] >= 0: {@code points} is the row-major [N, 2]
     * embedding.
     */
    public Embedding2D(String title, float[] points, int[] labels) {
        if (labels.length == 0 || points.length != 2 * labels.length) {
            throw new IllegalArgumentException("Embedding2D: need an [N, 2] embedding and N labels (N >= 1), got "
                    + points.length + " coordinates and " + labels.length + " labels");
        }
        this.title = title;
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("Embedding2D: label " + labels[i] + " of point " + i
                        + " is negative");
            }
            if (!Float.isFinite(points[2 * i]) || !Float.isFinite(points[2 * i + 1])) {
                throw new IllegalArgumentException("Embedding2D: point " + i + " is (" + points[2 * i] + ", "
                        + points[2 * i + 1] + "), not finite");
            }
            counts.merge(labels[i], 1, Integer::sum);
        }
        counts.forEach((label, n) -> byLabel.put(label, new double[2][n]));
        Map<Integer, Integer> filled = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            int j = filled.merge(labels[i], 1, Integer::sum) - 1;
            byLabel.get(labels[i])[0][j] = points[2 * i];
            byLabel.get(labels[i])[1][j] = points[2 * i + 1];
        }
    }

    private XYChart chart(int width, int height) {
        Charts.checkSize("Embedding2D", width, height);
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle("dimension 1")
                .yAxisTitle("dimension 2").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setLegendVisible(byLabel.size() > 1);
        byLabel.forEach((label, xy) -> {
            XYSeries s = chart.addSeries(Integer.toString(label), xy[0], xy[1]);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(Charts.colour(label));
        });
        return chart;
    }

    /** The picture, {@code width}×{@code height} pixels. */
    public BufferedImage render(int width, int height) {
        return Charts.render(chart(width, height));
    }

    /** Writes the PNG, with metadata "title" and "labels", to {@code file}. */
    public void write(Path file, int width, int height) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("title", title);
        meta.put("labels", String.join(", ", byLabel.keySet().stream().map(String::valueOf).toList()));
        Charts.write(file, chart(width, height), meta);
    }
}
