package org.ebl4j.cli.tour;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.ebl4j.cli.example.SpiralFigure;

/** The unsupervised lecture's energy surfaces on a 2-D spiral: {@code ebl4j example spiral} ({@link SpiralFigure}). */
final class SpiralSection implements TourSection {
    @Override
    public String id() {
        return "spiral";
    }

    @Override
    public String title() {
        return "Energy surfaces of unsupervised models on a 2-D spiral";
    }

    @Override
    public String lecture() {
        return "“Energy-Based Unsupervised Learning” (Y. LeCun), slide “Energy Functions of Various Methods”: PCA "
                + "(1 code unit), K-means (20 code units), auto-encoder (1 code unit) and sparse coding (20 code "
                + "units) on the “2 dimensional toy dataset: spiral”, “Visualizing energy surface (black = low, "
                + "white = high)” (reference text 000_cceedd010078c6a6.txt, lines 161-217). The other four panels "
                + "add strategies of the slide “Seven Strategies to Shape the Energy Function” (lines 58-80): an RBM "
                + "trained by persistent contrastive divergence (#3), denoising score matching (#4), a denoising "
                + "auto-encoder (#5) and a contractive auto-encoder (#7).";
    }

    @Override
    public String summary() {
        return "Each panel is the energy E(Y) of one model over the plane, black at the lowest energy, white from the "
                + "plane's median energy up, with the training points in white. PCA's low-energy region is a line, "
                + "K-means' 20 wells, the 1-unit auto-encoder's a curve. The table's data quantile is the mean "
                + "fraction of the plane whose energy is below a data point's: 0 when the data sit in the lowest "
                + "valleys, 0.5 for a flat energy.";
    }

    @Override
    public List<String> command(Path dir, boolean quick) {
        return TourSection.example("spiral", quick, List.of("--epochs", "40"), "--out", dir.toString());
    }

    @Override
    public Table table(Map<String, Object> figures) {
        return Table.byMetric(figures, "model", "data_quantile", "seconds");
    }

    @Override
    public List<Picture> pictures(Map<String, Object> figures, Path dir) {
        return List.of(new Picture(Path.of((String) figures.get("figure")), "Panels left to right, top to bottom: "
                + String.join(", ", SpiralFigure.MODELS) + "."));
    }
}
