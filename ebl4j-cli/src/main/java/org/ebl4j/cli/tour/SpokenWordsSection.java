package org.ebl4j.cli.tour;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Elastic matching with the warping path as latent variable, trained with LVQ2: {@code ebl4j example spoken-words}. */
final class SpokenWordsSection implements TourSection {
    @Override
    public String id() {
        return "spoken-words";
    }

    @Override
    public String title() {
        return "Latent variables: dynamic time warping with trainable templates and the LVQ2 loss";
    }

    @Override
    public String lecture() {
        return "“A Tutorial on Energy-Based Learning” (Y. LeCun), slides “Example 1: Integrated Disc. Training with "
                + "Sequence Alignment” and “Example: 1D Constellation Model (a.k.a. Dynamic Time Warping)”: spoken "
                + "word recognition with trainable elastic templates, the warping as latent variable, the LVQ2 loss "
                + "[Driancourt & Bottou 1991] (reference text 001_b95c3194fad7c33e.txt, lines 775-806).";
    }

    @Override
    public String summary() {
        return "Generated \"spoken words\": 10 smooth 2-D curves, each utterance randomly time-warped, rescaled and "
                + "noisy. Templates start as one training utterance per word; LVQ2 training moves them (gradient "
                + "along each best warping path). Picture: a template before and after training over its prototype, "
                + "and a test utterance's distance matrices with their DTW paths.";
    }

    @Override
    public List<String> command(Path dir, boolean quick) {
        return TourSection.example("spoken-words", quick, List.of(), "--out", dir.toString());
    }

    @Override
    public Table table(Map<String, Object> figures) {
        return new Table(List.of("templates", "test accuracy"), List.of(
                List.of("one example per word", figures.get("accuracy_initial")),
                List.of("trained with LVQ2", figures.get("accuracy_trained")),
                List.of("noiseless prototypes (reference)", figures.get("accuracy_prototypes"))));
    }
}
