package org.ebl4j.cli.tour;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every loss of the tutorial's table on the bundled 8x8 digits: {@code ebl4j example loss-table}. The command
 * prints numbers only; the section draws its test accuracies as a {@link BarChart}.
 */
final class LossTableSection implements TourSection {
    @Override
    public String id() {
        return "loss-table";
    }

    @Override
    public String title() {
        return "The loss table on handwritten digits";
    }

    @Override
    public String lecture() {
        return "Table 1 of LeCun et al., “A Tutorial on Energy-Based Learning” (2006), and the lecture's slides "
                + "“Simple Architectures” (multiclass classification), “Examples of Loss Functions: Energy Loss” "
                + "through “Other Margin-Like Losses” (perceptron, hinge, log, LVQ2, MCE, square-square, "
                + "square-exponential) and “Negative Log-Likelihood Loss” (reference text "
                + "001_b95c3194fad7c33e.txt, lines 170-284).";
    }

    @Override
    public String summary() {
        return "The multiclass model E(W, Y, X) = G_W(X)_Y (a 64-64-10 tanh network, one energy per label) trained "
                + "with each loss of the table from the same initial weights on the 8x8 digits bundled with ebl4j "
                + "(80/20 split). The bars are the test accuracies on a 0 to 1 scale (grid every 0.1), top to "
                + "bottom in the table's order; red marks the loss the tutorial says fails with this architecture: "
                + "the energy loss, which lets all ten energies fall together (collapse). The chart is drawn by the "
                + "tour from the command's figures.";
    }

    @Override
    public List<String> command(Path dir, boolean quick) {
        return TourSection.example("loss-table", quick, List.of("--epochs", "5"));
    }

    @Override
    public Table table(Map<String, Object> figures) {
        return Table.byMetric(figures, "loss", "accuracy", "train_loss", "train_seconds");
    }

    @Override
    public List<Picture> pictures(Map<String, Object> figures, Path dir) throws IOException {
        Table t = Table.byMetric(figures, "loss", "accuracy");
        List<?> failing = (List<?>) figures.get("expected_to_fail");
        BarChart chart = new BarChart(1);
        List<String> order = new ArrayList<>();
        for (List<Object> row : t.rows()) {
            chart.bar((String) row.get(0), ((Number) row.get(1)).doubleValue(), failing.contains(row.get(0)));
            order.add((String) row.get(0));
        }
        Path png = dir.resolve("accuracy.png");
        chart.write(png);
        return List.of(new Picture(png, "Test accuracy per loss, top to bottom: " + String.join(", ", order)
                + " (red: expected to fail)."));
    }
}
