package org.ebl4j.cli.tour;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Learning Y = X² by regression and by implicit regression: {@code ebl4j example x-squared}. */
final class XSquaredSection implements TourSection {
    @Override
    public String id() {
        return "x-squared";
    }

    @Override
    public String title() {
        return "Learning Y = X²: regression and implicit regression";
    }

    @Override
    public String lecture() {
        return "“A Tutorial on Energy-Based Learning” (Y. LeCun), slides “Several Energy Surfaces can give the same "
                + "answers” (“Both surfaces compute Y=X^2”, “MIN_y E(Y,X) = X^2”), “Simple Architecture: Implicit "
                + "Regression”, “Examples of Loss Functions: Energy Loss” (regression: “WORKS!!!”, implicit "
                + "regression: “COLLAPSES!!!”) and “Examples of Margin Losses: Square-Square Loss” (“Learning "
                + "Y = X^2, NO COLLAPSE!!!”) (reference text 001_b95c3194fad7c33e.txt, lines 161-263).";
    }

    @Override
    public String summary() {
        return "Three energy surfaces over (X across, Y up), low energy dark, training samples white, argmin_Y E "
                + "red: regression E = (G(X) − Y)²/2 with the energy loss, and the implicit regression "
                + "E = ||G1(X) − G2(Y)||² with the square-square loss (a groove along Y = X²) and with the energy "
                + "loss (flat: collapsed). mean error = mean |argmin_Y E(Y, X) − X²| over test inputs.";
    }

    @Override
    public List<String> command(Path dir, boolean quick) {
        return TourSection.example("x-squared", quick, List.of("--epochs", "80"), "--out", dir.toString());
    }

    @Override
    public Table table(Map<String, Object> figures) {
        Table implicit = Table.byMetric(figures, "model, loss", "mean_error", "gap");
        Table regression = Table.byItem(figures, "model, loss", List.of("regression"), "mean_error", "gap");
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("regression, energy", regression.rows().get(0).get(1), regression.rows().get(0).get(2)));
        for (List<Object> row : implicit.rows()) {
            rows.add(List.of("implicit regression, " + row.get(0), row.get(1), row.get(2)));
        }
        return new Table(implicit.header(), rows);
    }
}
