package org.ebl4j.cli.tour;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Predictive sparse decomposition on natural-image patches: {@code ebl4j example image-atoms --psd 1}. */
final class PsdSection implements TourSection {
    @Override
    public String id() {
        return "psd";
    }

    @Override
    public String title() {
        return "Predictive sparse decomposition: an encoder that predicts the sparse code";
    }

    @Override
    public String lecture() {
        return "“Energy-Based Unsupervised Learning” (Y. LeCun), slides “Predictive Sparse Decomposition (PSD): "
                + "sparse auto-encoder” — E(Yⁱ, Z) = ||Yⁱ − W_d Z||² + ||Z − g_e(W_e, Yⁱ)||² + Σ_j |z_j|, "
                + "g_e = shrinkage(W_e Yⁱ) — and “Training on natural images patches. 12X12, 256 basis functions”, "
                + "“Learned Features on natural patches: V1-like receptive fields” (reference text "
                + "000_cceedd010078c6a6.txt, lines 427-481; Kavukcuoglu, Ranzato & LeCun, arXiv:1010.3467).";
    }

    @Override
    public String summary() {
        return "The same patches as the sparse-coding section, now with a shrinkage encoder trained to predict each "
                + "patch's optimal code while the decoder's 256 atoms are learned. First picture: the decoder's "
                + "atoms; the encoder's filters (rows of W_e) come out as the same kind of local edge detectors. "
                + "The table compares the encoder's one-step code with the optimal (FISTA) code: a slightly higher "
                + "energy for many times less work per patch — the point of PSD.";
    }

    @Override
    public List<String> command(Path dir, boolean quick) {
        return TourSection.example("image-atoms", quick, List.of("--quick"), "--bundled", "--psd", "1", "--out",
                dir.toString());
    }

    @Override
    public Table table(Map<String, Object> figures) {
        List<List<Object>> rows = List.of(
                List.of("decoder atoms: localised and oriented", figures.get("gabor_like_fraction")),
                List.of("encoder filters: localised and oriented", figures.get("encoder_gabor_like_fraction")),
                List.of("objective at the optimal (FISTA) codes", figures.get("objective")),
                List.of("objective at the encoder's codes", figures.get("encoder_objective")),
                List.of("encoder prediction error ½||g_e(Y) − Z*||²", figures.get("encoder_prediction_error")),
                List.of("encoder speed-up over FISTA per patch", figures.get("encoder_speedup_vs_fista")));
        return new Table(List.of("held-out measure", "value"), rows);
    }
}
