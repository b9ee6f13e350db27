package org.ebl4j.cli.tour;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Collapse versus margin losses on the implicit regression of Y = X²: {@code ebl4j example collapse}. */
final class CollapseSection implements TourSection {
    @Override
    public String id() {
        return "collapse";
    }

    @Override
    public String title() {
        return "Collapse versus margin losses";
    }

    @Override
    public String lecture() {
        return "“A Tutorial on Energy-Based Learning” (Y. LeCun), slides “Examples of Loss Functions: Energy Loss” "
                + "(implicit regression: “COLLAPSES!!!”), “Examples of Loss Functions: Perceptron Loss” (“No ‘margin’: "
                + "technically does not prevent the energy surface from being almost flat”), “Examples of Generalized "
                + "Margin Losses” (hinge, log), “Examples of Margin Losses: Square-Square Loss” (“Learning Y = X^2, "
                + "NO COLLAPSE!!!”) and “Negative Log-Likelihood Loss” (reference text 001_b95c3194fad7c33e.txt, "
                + "lines 187-284).";
    }

    @Override
    public String summary() {
        return "The implicit regression E(W, Y, X) = ||G1(X) - G2(Y)||² trained on Y = X² with each loss from the "
                + "same initial weights. Pictures: E over (X across, Y up), low energy dark, training samples white, "
                + "argmin_Y E red. The energy loss makes the surface flat (gap ≈ 0); the perceptron loss has no "
                + "margin; hinge, log, square-square and NLL keep wrong answers above the right ones (gap ≥ margin). "
                + "gap = mean E(wrong Y) − E(X²) over test inputs.";
    }

    @Override
    public List<String> command(Path dir, boolean quick) {
        return TourSection.example("collapse", quick, List.of("--epochs", "80"), "--out", dir.toString());
    }

    @Override
    public Table table(Map<String, Object> figures) {
        return Table.byMetric(figures, "loss", "gap", "argmin_error", "train_loss", "train_seconds");
    }
}
