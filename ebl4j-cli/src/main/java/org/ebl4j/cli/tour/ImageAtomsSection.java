package org.ebl4j.cli.tour;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Sparse-coding atoms learned on whitened natural-image patches: {@code ebl4j example image-atoms}. */
final class ImageAtomsSection implements TourSection {
    @Override
    public String id() {
        return "image-atoms";
    }

    @Override
    public String title() {
        return "Sparse coding on natural-image patches: localised, oriented atoms";
    }

    @Override
    public String lecture() {
        return "“Energy-Based Unsupervised Learning” (Y. LeCun), strategy 6, sparse coding: E(Y, Z) = ||Y − WZ||² + "
                + "λ|Z|₁, dictionaries learned on natural image patches give Gabor-like filters (Olshausen & Field "
                + "1996), 12x12 patches, 256 atoms (reference text 000_cceedd010078c6a6.txt, the sparse-coding "
                + "slides).";
    }

    @Override
    public String summary() {
        return "256 atoms learned by mini-batch dictionary learning (FISTA codes, λ = 1) on 12x12 patches of the "
                + "bundled 256x256 photograph, mean-removed and ZCA-whitened; each atom scaled to its own range. "
                + "Second picture: the PCA components of the same patches, which are global waves, not local "
                + "edges. localised = at least half of the atom's energy in a disc of a quarter of the patch area; "
                + "oriented = its power spectrum concentrated around one orientation (R ≥ 0.5).";
    }

    @Override
    public List<String> command(Path dir, boolean quick) {
        return TourSection.example("image-atoms", quick, List.of("--quick"), "--bundled", "--out", dir.toString());
    }

    @Override
    public Table table(Map<String, Object> figures) {
        List<List<Object>> rows = List.of(
                List.of("learned atoms", figures.get("localised_fraction"), figures.get("oriented_fraction"),
                        figures.get("gabor_like_fraction")),
                List.of("random unit atoms", figures.get("random_localised_fraction"),
                        figures.get("random_oriented_fraction"), figures.get("random_gabor_like_fraction")),
                List.of("PCA components", figures.get("pca_localised_fraction"),
                        figures.get("pca_oriented_fraction"), figures.get("pca_gabor_like_fraction")));
        return new Table(List.of("dictionary", "localised", "oriented", "localised and oriented"), rows);
    }
}
