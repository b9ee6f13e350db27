package org.ebl4j.cli.tour;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Hamiltonian Monte Carlo and Langevin sampling of p(Y) ∝ exp(−E(Y)): {@code ebl4j example sampling}. */
final class SamplingSection implements TourSection {
    @Override
    public String id() {
        return "sampling";
    }

    @Override
    public String title() {
        return "Sampling an energy: Hamiltonian Monte Carlo and Langevin";
    }

    @Override
    public String lecture() {
        return "“A Tutorial on Energy-Based Learning” (Y. LeCun), slide “Contrastive Divergence”: “Hybrid Monte-Carlo "
                + "Sampling: simulate a ball rolling down the energy surface in Y space”, kicked in a random "
                + "direction with a random momentum and run for a few iterations (reference text "
                + "001_b95c3194fad7c33e.txt, lines 1008-1036); the Gibbs distribution of “Transforming Energies into "
                + "Probabilities” in “Energy-Based Unsupervised Learning” (000_cceedd010078c6a6.txt, lines 34-50).";
    }

    @Override
    public String summary() {
        return "A known 2-D energy, a mixture of three Gaussians (low energy dark), sampled by Hamiltonian Monte "
                + "Carlo and by Metropolis-adjusted Langevin from many parallel chains; 400 samples of each are drawn "
                + "white on top. error = the largest error of the samples' mean and covariance entries relative to the "
                + "truth's scale (0.05: within 5 %).";
    }

    @Override
    public List<String> command(Path dir, boolean quick) {
        return TourSection.example("sampling", quick, List.of("--chains", "300", "--steps", "150", "--keep", "50"),
                "--out", dir.toString());
    }

    @Override
    public Table table(Map<String, Object> figures) {
        return Table.byItem(figures, "sampler", List.of("hmc", "langevin"), "error", "acceptance_rate", "step_size");
    }
}
