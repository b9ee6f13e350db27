package org.ebl4j.energy.loss;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.DiscreteEnergy;
import org.ebl4j.energy.Domain;
import org.ebl4j.energy.Energy;
import org.ebl4j.energy.Rows;
import org.ebl4j.energy.inference.GradientDescent;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Tensor;

/**
 * The most offending incorrect answer Ȳ^i: the answer generalized margin losses pull up (tutorial §2.2.3).
 * <ul>
 *   <li>Discrete Y: Ȳ^i = argmin_{Y ∈ 𝒴, Y ≠ Y^i} E(W, Y, X^i).
 *   <li>Continuous Y: Ȳ^i = argmin_{Y ∈ 𝒴, ‖Y − Y^i‖ &gt; ε} E(W, Y, X^i), the lowest energy outside an ε-ball
 *   around the correct answer, found by projected gradient descent from several starting points (random points of
 *   the domain, and points just outside the ball) with the projection Y ↦ Y^i + ε (Y − Y^i)/‖Y − Y^i‖ for points
 *   inside the ball.
 * </ul>
 * The answer is detached: the loss differentiates E(W, Ȳ, X) with respect to W at a fixed Ȳ. For a
 * {@link DiscreteEnergy}, the discrete selector's {@link #contrast} takes E⁺, Ē and Ȳ from one forward pass.
 */
public final class MostOffendingIncorrectAnswer implements OffendingAnswer {
    /** Energies of excluded (correct) answers are raised by this much before the argmin. */
    private static final float EXCLUDED = 1e30f;

    private final GradientDescent search;
    private final float epsilon;

    private MostOffendingIncorrectAnswer(GradientDescent search, float epsilon) {
        this.search = search;
        this.epsilon = epsilon;
    }

    /** For a {@link DiscreteEnergy}: the lowest-energy label other than the correct one. */
    public static MostOffendingIncorrectAnswer discrete() {
        return new MostOffendingIncorrectAnswer(null, 0f);
    }

    /**
     * For continuous answers: the lowest energy at distance at least {@code epsilon} from the correct answer;
     * {@code search} gives the domain, the number of random starts per sample and the descent settings.
     */
    public static MostOffendingIncorrectAnswer continuous(GradientDescent search, float epsilon) {
        if (!(epsilon > 0) || !Float.isFinite(epsilon)) {
            throw new IllegalArgumentException("MostOffendingIncorrectAnswer: epsilon must be finite and > 0, got "
                    + epsilon);
        }
        return new MostOffendingIncorrectAnswer(search, epsilon);
    }

    /** Ȳ for each sample: labels [B] for a discrete energy, answers shaped like {@code y} otherwise. */
    @Override
    public Tensor select(Energy energy, Tensor x, Tensor y) {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            if (search == null) {
                return selectDiscrete(energy, x, y);
            }
            return selectContinuous(energy, x, y.detach());
        }
    }

    /** For the discrete selector and a {@link DiscreteEnergy}: E⁺, Ē and Ȳ from one call of its energies(x). */
    @Override
    public Contrast contrast(Energy energy, Tensor x, Tensor y) {
        if (search == null && energy instanceof DiscreteEnergy d) {
            Tensor all = d.energies(x);
            Tensor offending = among(all, y);
            return new Contrast(DiscreteEnergy.pick(all, y), DiscreteEnergy.pick(all, offending), offending);
        }
        return OffendingAnswer.super.contrast(energy, x, y);
    }

    private static Tensor selectDiscrete(Energy energy, Tensor x, Tensor y) {
        if (!(energy instanceof DiscreteEnergy d)) {
            throw new IllegalArgumentException("MostOffendingIncorrectAnswer.discrete(): needs a DiscreteEnergy, got "
                    + energy.getClass().getSimpleName() + "; use continuous(search, epsilon) for continuous answers");
        }
        return among(d.energies(x), y);
    }

    /** The discrete Ȳ from energies already computed: argmin over each row of {@code energies} ([B, K]) but y[b]. */
    public static Tensor among(Tensor energies, Tensor y) {
        int k = energies.shape(1);
        Indices correct = DiscreteEnergy.labels(y, k);
        return DiscreteEnergy.argmin(energies.detach().add(Tensor.oneHot(correct, k).mul(EXCLUDED)));
    }

    private Tensor selectContinuous(Energy energy, Tensor x, Tensor y) {
        int batch = y.shape(0);
        int n = search.restarts();
        Domain domain = search.domain();
        Tensor yc = y.indexSelect(Rows.repeat(batch, n));
        // half the chains start at random points of the domain, half on the sphere of radius 2ε around Y^i
        Tensor starts = search.randomStarts(batch * n);
        Tensor onSphere = yc.add(unitRows(search.randomStarts(batch * n).sub(yc)).mul(2 * epsilon));
        float[] pick = new float[batch * n];
        for (int i = 0; i < pick.length; i++) {
            pick[i] = i % 2;
        }
        starts = starts.add(onSphere.sub(starts).mul(Rows.perRow(pick, y.dim())));
        return search.bestOf(energy, x, starts, n, v -> outsideBall(domain, domain.project(v), yc)).y();
    }

    /**
     * Points closer than ε to their correct answer are pushed radially onto the sphere of radius ε; where that
     * leaves the domain's box, to the opposite side of the sphere instead (a correct answer near a face of the box).
     */
    private Tensor outsideBall(Domain domain, Tensor v, Tensor center) {
        Tensor pushed = domain.project(onSphere(v, center));
        float[] still = Rows.norms(pushed.sub(center)).toArray();
        float[] flip = new float[still.length];
        boolean any = false;
        for (int i = 0; i < still.length; i++) {
            flip[i] = still[i] < 0.999f * epsilon ? 1f : 0f;
            any |= flip[i] > 0;
        }
        if (!any) {
            return pushed;
        }
        Tensor mirrored = domain.project(center.mul(2f).sub(onSphere(v, center)));
        return pushed.add(mirrored.sub(pushed).mul(Rows.perRow(flip, v.dim())));
    }

    private Tensor onSphere(Tensor v, Tensor center) {
        Tensor d = v.sub(center);
        Tensor norm = Rows.norms(d);
        float[] nv = norm.toArray();
        float[] scale = new float[nv.length];
        for (int i = 0; i < nv.length; i++) {
            scale[i] = nv[i] >= epsilon ? 1f : nv[i] > 0 ? epsilon / nv[i] : 0f;
        }
        Tensor scaled = center.add(d.mul(Rows.perRow(scale, v.dim())));
        // a chain sitting exactly on Y^i has no direction: move it along the first coordinate
        for (int i = 0; i < nv.length; i++) {
            if (nv[i] == 0f) {
                int width = v.numel() / nv.length;
                scaled.reshape(nv.length, width).set(center.reshape(nv.length, width).get(i, 0) + epsilon, i, 0);
            }
        }
        return scaled;
    }

    private static Tensor unitRows(Tensor d) {
        float[] nv = Rows.norms(d).toArray();
        for (int i = 0; i < nv.length; i++) {
            nv[i] = nv[i] > 0 ? 1f / nv[i] : 0f;
        }
        return d.mul(Rows.perRow(nv, d.dim()));
    }

}
