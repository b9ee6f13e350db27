package org.ebl4j.energy.inference;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.Domain;
import org.ebl4j.energy.Energy;
import org.ebl4j.energy.Rows;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * Inference on a continuous answer by projected gradient descent: Y ← P(Y − η ∂E(W,Y,X)/∂Y), with P the
 * projection onto the {@link Domain}'s box (or any projection the caller gives, as the continuous
 * most-offending-incorrect-answer search does). Tutorial §1.1: "when Y is continuous ... gradient-based
 * optimisation".
 *
 * <p>Step control, per chain: a step is kept only if it satisfies the sufficient-decrease condition of projected
 * gradient methods, E(Y⁺) ≤ E(Y) + ∇Eᵀ(Y⁺ − Y) + ‖Y⁺ − Y‖² / (2η) (Beck &amp; Teboulle 2009, backtracking); a kept
 * step grows η by 1.25, a rejected one halves it and leaves Y where it was. Every chain stops moving once its
 * projected-gradient norm ‖Y⁺ − Y‖/η is below the tolerance. Energies are non-convex in general, so
 * {@link #infer} runs several restarts per sample from random points of the domain and keeps the lowest energy.
 */
public final class GradientDescent implements Inference {
    private final Domain domain;
    private final Rng rng;
    private int steps = 200;
    private double stepSize = 0.1;
    private int restarts = 8;
    private double tolerance = 1e-5;

    /** Random starting points come from {@code rng}: uniform in a bounded box, N(0, 1) (clamped) otherwise. */
    public GradientDescent(Domain domain, Rng rng) {
        this.domain = domain;
        this.rng = rng;
    }

    /** Maximum number of gradient steps (default 200). */
    public GradientDescent steps(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("GradientDescent: steps must be >= 1, got " + n);
        }
        steps = n;
        return this;
    }

    /** Initial step size η (default 0.1); adapted per chain afterwards. */
    public GradientDescent stepSize(double eta) {
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("GradientDescent: stepSize must be finite and > 0, got " + eta);
        }
        stepSize = eta;
        return this;
    }

    /** Random starting points per sample in {@link #infer} (default 8). */
    public GradientDescent restarts(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("GradientDescent: restarts must be >= 1, got " + n);
        }
        restarts = n;
        return this;
    }

    /** Stop a chain when its projected-gradient norm falls below this (default 1e-5). */
    public GradientDescent tolerance(double tol) {
        if (!(tol >= 0)) {
            throw new IllegalArgumentException("GradientDescent: tolerance must be >= 0, got " + tol);
        }
        tolerance = tol;
        return this;
    }

    public Domain domain() {
        return domain;
    }

    public int restarts() {
        return restarts;
    }

    /** {@code count} random answers from the domain, shape [count, domain shape...]. */
    public Tensor randomStarts(int count) {
        int[] shape = domain.batchShape(count);
        if (domain.bounded()) {
            return rng.uniform(domain.lo(), domain.hi(), shape);
        }
        return domain.project(rng.normal(0f, 1f, shape));
    }

    /** Y* = argmin over {@link #restarts} descents per sample; diagnostics of the descent that ran. */
    @Override
    public InferenceResult infer(Energy energy, Tensor x) {
        int batch = x == null ? 1 : x.shape(0);
        return bestOf(energy, x, randomStarts(batch * restarts), restarts, domain::project);
    }

    /**
     * Descends from {@code starts} ([B·n, ...]: n contiguous chains per sample of {@code x}) and keeps, per sample,
     * the chain that ended with the lowest energy.
     */
    public InferenceResult bestOf(Energy energy, Tensor x, Tensor starts, int n, UnaryOperator<Tensor> projection) {
        Tensor xr = x == null ? null : x.indexSelect(Rows.repeat(x.shape(0), n));
        InferenceResult all = minimize(energy, xr, starts, projection);
        Indices best = Rows.argminPerGroup(all.energy().toArray(), n);
        return new InferenceResult(all.y().indexSelect(best), all.energy().indexSelect(best), all.diagnostics());
    }

    /**
     * Descends from {@code yStart} ([C, ...], one chain per row; row c is conditioned on row c of {@code x}),
     * applying {@code projection} after every step. Returns the final answers and energies per chain, and
     * diagnostics "iterations", "gradient_norm" (largest final projected-gradient norm), "step_size" (mean final η)
     * and "rejected_steps".
     */
    public InferenceResult minimize(Energy energy, Tensor x, Tensor yStart, UnaryOperator<Tensor> projection) {
        int chains = yStart.shape(0);
        int width = yStart.numel() / chains;
        Tensor y = projection.apply(yStart.detach()).contiguousCopy();
        double[] eta = new double[chains];
        java.util.Arrays.fill(eta, stepSize);
        boolean[] done = new boolean[chains];
        int iterations = 0;
        int rejected = 0;
        double worstNorm = 0;
        Energy.EnergyGradient cur = energy.energyAndGradientY(x, y);
        for (int it = 0; it < steps; it++) {
            iterations = it + 1;
            float[] etaCol = new float[chains];
            for (int c = 0; c < chains; c++) {
                etaCol[c] = done[c] ? 0f : (float) eta[c];
            }
            Tensor etaT = Rows.perRow(etaCol, yStart.dim());
            Tensor cand = projection.apply(y.sub(cur.gradient().mul(etaT)));
            Tensor delta = cand.sub(y);
            float[] eCand = energyOf(energy, x, cand);
            float[] lin = delta.mul(cur.gradient()).reshape(chains, width).sum(1, false).toArray();
            float[] sq = delta.square().reshape(chains, width).sum(1, false).toArray();
            float[] eCur = cur.energy().toArray();
            float[] accept = new float[chains];
            worstNorm = 0;
            boolean allDone = true;
            for (int c = 0; c < chains; c++) {
                if (done[c]) {
                    continue;
                }
                double bound = eCur[c] + lin[c] + sq[c] / (2 * eta[c]);
                double normPg = Math.sqrt(sq[c]) / eta[c];
                if (eCand[c] <= bound + 1e-7 * Math.abs(eCur[c])) {
                    accept[c] = 1f;
                    eta[c] *= 1.25;
                } else {
                    eta[c] *= 0.5;
                    rejected++;
                }
                if (normPg < tolerance || eta[c] < 1e-12) {
                    done[c] = true;
                } else {
                    allDone = false;
                }
                worstNorm = Math.max(worstNorm, normPg);
            }
            y = y.add(delta.mul(Rows.perRow(accept, yStart.dim()))).contiguousCopy();
            cur = energy.energyAndGradientY(x, y);
            if (allDone) {
                break;
            }
        }
        double meanEta = 0;
        for (double e : eta) {
            meanEta += e / chains;
        }
        Map<String, Double> diagnostics = new LinkedHashMap<>();
        diagnostics.put("iterations", (double) iterations);
        diagnostics.put("gradient_norm", worstNorm);
        diagnostics.put("step_size", meanEta);
        diagnostics.put("rejected_steps", (double) rejected);
        return new InferenceResult(y, cur.energy(), diagnostics);
    }

    private static float[] energyOf(Energy energy, Tensor x, Tensor y) {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return energy.energy(x, y).toArray();
        }
    }
}
