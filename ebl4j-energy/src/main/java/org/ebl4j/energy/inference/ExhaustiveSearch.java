package org.ebl4j.energy.inference;

import java.util.Arrays;
import java.util.Map;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.DiscreteEnergy;
import org.ebl4j.energy.Energy;
import org.ebl4j.energy.Rows;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * Inference by exhaustive search, Y* = argmin_{Y ∈ 𝒴} E(W, Y, X), for a finite answer set 𝒴 (LeCun et al.,
 * "A Tutorial on Energy-Based Learning", 2006, §1.1: when 𝒴 is small, compute E for every Y and keep the best).
 * Either the answers of a {@link DiscreteEnergy} (labels 0..K−1, all K energies from one
 * {@link DiscreteEnergy#energies} pass; Y* comes back as float labels [B]), or a given candidate set
 * {c_1, ..., c_C} ([C, ...]) for any energy over a continuous Y: every (sample, candidate) pair is evaluated, in
 * chunks of at most {@code chunkRows} rows per energy call, and Y* ([B, ...]) is the candidate of lowest energy
 * (the first one on ties). With a candidate set and {@code x == null} (an energy with no input) there is one
 * answer, B = 1. Diagnostics: "candidates" (|𝒴|).
 */
public final class ExhaustiveSearch implements Inference {
    /** Default number of (sample, candidate) rows per energy call in candidate mode. */
    public static final int DEFAULT_CHUNK_ROWS = 4096;

    private final Tensor candidates;
    private final int chunkRows;

    /** Search over the answers of a {@link DiscreteEnergy}. */
    public ExhaustiveSearch() {
        this.candidates = null;
        this.chunkRows = DEFAULT_CHUNK_ROWS;
    }

    /** Search over the candidate answers {@code candidates} ([C, ...], C ≥ 1), any energy. */
    public ExhaustiveSearch(Tensor candidates) {
        this(candidates, DEFAULT_CHUNK_ROWS);
    }

    /** As {@link #ExhaustiveSearch(Tensor)}, evaluating at most {@code chunkRows} ≥ 1 rows per energy call. */
    public ExhaustiveSearch(Tensor candidates, int chunkRows) {
        if (candidates == null || candidates.dim() < 1 || candidates.shape(0) < 1) {
            throw new IllegalArgumentException("ExhaustiveSearch: candidates must have shape [C, ...] with C >= 1, "
                    + "got " + (candidates == null ? "null" : Shape.str(candidates.shape())));
        }
        if (chunkRows < 1) {
            throw new IllegalArgumentException("ExhaustiveSearch: chunkRows must be >= 1, got " + chunkRows);
        }
        this.candidates = candidates.detach().contiguousCopy();
        this.chunkRows = chunkRows;
    }

    @Override
    public InferenceResult infer(Energy energy, Tensor x) {
        if (energy == null) {
            throw new IllegalArgumentException("ExhaustiveSearch: energy is null");
        }
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            if (candidates != null) {
                return searchCandidates(energy, x);
            }
            if (!(energy instanceof DiscreteEnergy discrete)) {
                throw new IllegalArgumentException("ExhaustiveSearch: " + energy.getClass().getSimpleName()
                        + " is not a DiscreteEnergy; give a finite candidate set [C, ...] to search a continuous Y");
            }
            return searchLabels(discrete, x);
        }
    }

    private static InferenceResult searchLabels(DiscreteEnergy energy, Tensor x) {
        Tensor all = energy.energies(x);
        int k = energy.answers();
        if (all.dim() != 2 || all.shape(1) != k) {
            throw new IllegalArgumentException("ExhaustiveSearch: " + energy.getClass().getSimpleName()
                    + ".energies gave shape " + Shape.str(all.shape()) + ", expected [B, " + k + "]");
        }
        return new InferenceResult(DiscreteEnergy.argmin(all), all.min(1, false),
                Map.of("candidates", (double) k));
    }

    private InferenceResult searchCandidates(Energy energy, Tensor x) {
        int c = candidates.shape(0);
        int batch = x == null ? 1 : x.shape(0);
        int pairs = Math.multiplyExact(batch, c);
        int[] sampleOfPair = Rows.repeat(batch, c).data();
        float[] values = new float[pairs];
        for (int start = 0; start < pairs; start += chunkRows) {
            int end = Math.min(pairs, start + chunkRows);
            int[] candidateRows = new int[end - start];
            for (int i = start; i < end; i++) {
                candidateRows[i - start] = i % c;
            }
            Tensor xs = x == null ? null : x.indexSelect(Indices.of(Arrays.copyOfRange(sampleOfPair, start, end)));
            Tensor e = energy.energy(xs, candidates.indexSelect(Indices.of(candidateRows)));
            if (e.dim() != 1 || e.shape(0) != end - start) {
                throw new IllegalArgumentException("ExhaustiveSearch: " + energy.getClass().getSimpleName()
                        + " gave energies of shape " + Shape.str(e.shape()) + " for " + (end - start) + " answers");
            }
            System.arraycopy(e.toArray(), 0, values, start, end - start);
        }
        Indices best = Rows.argminPerGroup(values, c);
        int[] bestCandidate = new int[batch];
        float[] bestEnergy = new float[batch];
        for (int b = 0; b < batch; b++) {
            bestCandidate[b] = best.get(b) - b * c;
            bestEnergy[b] = values[best.get(b)];
        }
        return new InferenceResult(candidates.indexSelect(Indices.of(bestCandidate)), Tensor.of(bestEnergy, batch),
                Map.of("candidates", (double) c));
    }
}
