package org.ebl4j.energy.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.energy.Domain;
import org.ebl4j.energy.Energy;
import org.ebl4j.energy.architecture.MulticlassClassifier;
import org.ebl4j.energy.sampling.Langevin;
import org.ebl4j.energy.sampling.SampleResult;
import org.ebl4j.energy.sampling.Sampler;
import org.ebl4j.nn.Linear;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class NegativeLogLikelihoodLossTest {
    /** ∂loss/∂table for a loss on a {@link TableEnergy}. */
    private static Tensor gradient(Loss loss, Tensor table, Tensor labels) {
        Tensor t = table.detach().contiguousCopy().requiresGrad(true);
        return Autodiff.grad(loss.compute(new TableEnergy(t), null, labels).loss(), t);
    }

    private static double maxAbsDiff(Tensor a, Tensor b) {
        float[] x = a.toArray();
        float[] y = b.toArray();
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }

    @Test
    void approachesThePerceptronLossAsBetaGrows() {
        Tensor table = new Rng(5).uniform(0f, 2f, 6, 5);
        Tensor labels = Tensor.vector(0, 1, 2, 3, 4, 0);
        PerceptronLoss perceptron = new PerceptronLoss();
        float target = perceptron.compute(new TableEnergy(table), null, labels).loss().item();
        Tensor targetGrad = gradient(perceptron, table, labels);
        double previousValue = Double.POSITIVE_INFINITY;
        double previousGrad = Double.POSITIVE_INFINITY;
        StringBuilder report = new StringBuilder("NLL − perceptron:");
        for (float beta : new float[] {1, 10, 100, 1000}) {
            NegativeLogLikelihoodLoss nll = new NegativeLogLikelihoodLoss(beta);
            double valueErr = nll.compute(new TableEnergy(table), null, labels).loss().item() - target;
            double gradErr = maxAbsDiff(gradient(nll, table, labels), targetGrad);
            report.append(String.format(" β=%g: value %.2e, gradient %.2e;", beta, valueErr, gradErr));
            // the NLL is above the perceptron loss by at most (1/β) log K
            assertTrue(valueErr >= -1e-6 && valueErr <= Math.log(5) / beta + 1e-6, report.toString());
            assertTrue(valueErr < previousValue && gradErr <= previousGrad, report.toString());
            previousValue = valueErr;
            previousGrad = gradErr;
        }
        System.out.println(report);
        assertTrue(previousValue < 1e-4 && previousGrad < 1e-4, report.toString());
    }

    @Test
    void parameterGradientApproachesThePerceptronsToo() {
        Rng rng = new Rng(2);
        Linear g = new Linear(4, 3, rng);
        MulticlassClassifier model = new MulticlassClassifier(g, 3);
        Tensor x = rng.normal(0f, 1f, 8, 4);
        Tensor y = Tensor.vector(0, 1, 2, 0, 1, 2, 0, 1);
        Tensor target = Autodiff.grad(new PerceptronLoss().compute(model, x, y).loss(), g.weight());
        double previous = Double.POSITIVE_INFINITY;
        for (float beta : new float[] {1, 10, 100, 1000}) {
            Tensor grad = Autodiff.grad(new NegativeLogLikelihoodLoss(beta).compute(model, x, y).loss(), g.weight());
            double err = maxAbsDiff(grad, target);
            assertTrue(err < previous, "β=" + beta + ": " + err);
            previous = err;
        }
        assertTrue(previous < 1e-3, "at β=1000: " + previous);
    }

    @Test
    void largeBetaAndLargeEnergiesStayFinite() {
        // exp(−βE) underflows float32 and double here, exp(+βE) overflows them: only the shifted form survives
        Tensor table = Tensor.matrix(new float[][] {{500f, 500.25f, 503f}, {-400f, -401f, -399.5f}});
        Tensor labels = Tensor.vector(1, 0);
        for (float beta : new float[] {1e3f, 1e5f}) {
            float value = new NegativeLogLikelihoodLoss(beta).compute(new TableEnergy(table), null, labels).loss()
                    .item();
            assertEquals((0.25 + 1.0) / 2, value, 1e-4, "β=" + beta);
            Tensor grad = gradient(new NegativeLogLikelihoodLoss(beta), table, labels);
            for (float v : grad.toArray()) {
                assertTrue(Float.isFinite(v));
            }
        }
        // and the soft minimum is −(1/β) log Σ exp(−βE) exactly where it can be evaluated directly
        Tensor e = Tensor.matrix(new float[][] {{0.3f, 1.1f, -0.4f}});
        double direct = -Math.log(Math.exp(-2 * 0.3) + Math.exp(-2 * 1.1) + Math.exp(2 * 0.4)) / 2;
        assertEquals(direct, ExactLogPartition.softMin(e, 2f).item(), 1e-6);
    }

    /** E(w, y, x) = ½(y − w·x)², y and x of shape [B, 1]: p(y|x) at inverse temperature β is N(w·x, 1/β). */
    private static final class Gaussian extends Energy {
        final Tensor w = parameter("w", Tensor.scalar(0.8f));

        @Override
        public Tensor energy(Tensor x, Tensor y) {
            return y.sub(x.mul(w)).square().mul(0.5f).sum(1, false);
        }
    }

    private static final Tensor X = Tensor.of(new float[] {1f, -0.5f, 2f, 0.25f}, 4, 1);
    private static final Tensor Y = Tensor.of(new float[] {0.3f, 0.1f, 2.2f, -0.6f}, 4, 1);

    /** NLL = mean ½(y − w·x)² + (1/β) log √(2π/β), ∂NLL/∂w = mean −(y − w·x)·x. */
    private static double[] closedForm(double w, double beta) {
        double value = 0;
        double grad = 0;
        for (int i = 0; i < 4; i++) {
            double r = Y.get(i, 0) - w * X.get(i, 0);
            value += (0.5 * r * r + Math.log(Math.sqrt(2 * Math.PI / beta)) / beta) / 4;
            grad += -r * X.get(i, 0) / 4;
        }
        return new double[] {value, grad};
    }

    @Test
    void quadratureGivesTheGaussianLogPartition() {
        for (float beta : new float[] {0.5f, 2f}) {
            Gaussian energy = new Gaussian();
            QuadratureLogPartition grid = QuadratureLogPartition.midpoint(Domain.box(-12f, 12f, 1), 1200);
            assertEquals(1200, grid.grid().shape(0));
            assertEquals(0.02f, grid.cellVolume(), 1e-7f);
            LossOutput out = new NegativeLogLikelihoodLoss(beta, grid).compute(energy, X, Y);
            out.loss().backward();
            double[] expected = closedForm(0.8, beta);
            assertEquals(expected[0], out.loss().item(), 1e-4, "value at β=" + beta);
            assertEquals(expected[1], energy.w.grad().item(), 1e-4, "gradient at β=" + beta);
            assertNull(out.contrastive());
        }
        Gaussian energy = new Gaussian();
        QuadratureLogPartition grid = QuadratureLogPartition.midpoint(Domain.box(-6f, 6f, 1), 60);
        GradCheck.Result r = GradCheck.check(in -> new NegativeLogLikelihoodLoss(1f, grid).compute(energy, X, Y)
                .loss(), energy.w);
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void midpointGridCoversABoxInEveryDimension() {
        QuadratureLogPartition q = QuadratureLogPartition.midpoint(Domain.box(0f, 1f, 2), 2);
        assertEquals(List.of(0.25f, 0.25f, 0.25f, 0.75f, 0.75f, 0.25f, 0.75f, 0.75f), toList(q.grid().toArray()));
        assertEquals(0.25f, q.cellVolume(), 0f);
        assertThrows(IllegalArgumentException.class, () -> QuadratureLogPartition.midpoint(Domain.unbounded(1), 10));
        assertThrows(IllegalArgumentException.class, () -> QuadratureLogPartition.midpoint(Domain.box(0f, 1f, 8), 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> q.freeEnergy(new Gaussian(), X, Y, 1f));
        assertTrue(e.getMessage().contains("do not match the grid"), e.getMessage());
    }

    private static List<Float> toList(float[] a) {
        Float[] boxed = new Float[a.length];
        for (int i = 0; i < a.length; i++) {
            boxed[i] = a[i];
        }
        return List.of(boxed);
    }

    /** Exact draws from N(w·x, 1/β), the Gibbs distribution of {@link Gaussian}, reporting its β. */
    private static final class ExactGaussianSampler implements Sampler {
        private final float beta;
        private final Rng rng = new Rng(17);

        ExactGaussianSampler(float beta) {
            this.beta = beta;
        }

        @Override
        public SampleResult sample(Energy energy, Tensor x, Tensor yInit, int steps) {
            Tensor mean = x.mul(((Gaussian) energy).w.detach());
            Tensor y = mean.add(rng.normal(0f, (float) (1 / Math.sqrt(beta)), yInit.shape()));
            return new SampleResult(y, energy.energy(x, y).detach(), null, Map.of("beta", (double) beta));
        }
    }

    @Test
    void sampledEstimateHasTheLikelihoodGradient() {
        float beta = 2f;
        Gaussian energy = new Gaussian();
        int chains = 4000;
        LossOutput out = new NegativeLogLikelihoodLoss(beta,
                new SampledLogPartition(new ExactGaussianSampler(beta), chains, 1)).compute(energy, X, Y);
        out.loss().backward();
        double[] expected = closedForm(0.8, beta);
        // Monte Carlo: the sample term's gradient is mean −(ỹ − w·x)·x, standard error ~ |x|/√(β·chains) ≈ 0.01
        assertEquals(expected[1], energy.w.grad().item(), 0.04);
        assertEquals(4, out.contrastive().shape(0));
        assertEquals(chains, out.contrastive().shape(1));
        assertEquals(1, out.contrastive().shape(2));
        // the "free energy" reported is the samples' mean energy, ⟨½(ỹ − w·x)²⟩ = 1/(2β)
        assertEquals(1 / (2 * beta), out.metrics().get("energy_contrastive"), 0.02);
    }

    @Test
    void langevinChainsFromTheDataGiveTheLikelihoodGradient() {
        float beta = 1f;
        Gaussian energy = new Gaussian();
        Sampler langevin = new Langevin(0.05, beta, new Rng(3));
        LossOutput out = new NegativeLogLikelihoodLoss(beta, new SampledLogPartition(langevin, 1000, 200))
                .compute(energy, X, Y);
        out.loss().backward();
        assertEquals(closedForm(0.8, beta)[1], energy.w.grad().item(), 0.06);
    }

    @Test
    void rejectsASamplerAtAnotherTemperature() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NegativeLogLikelihoodLoss(1f, new SampledLogPartition(new ExactGaussianSampler(3f), 2, 1))
                        .compute(new Gaussian(), X, Y));
        assertTrue(e.getMessage().contains("the sampler runs at beta=3.0 but the loss has beta=1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SampledLogPartition(new ExactGaussianSampler(1f), 0, 1));
    }
}
