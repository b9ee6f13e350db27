package org.ebl4j.unsupervised.estimation;

import org.ebl4j.energy.Energy;
import org.ebl4j.energy.loss.Loss;
import org.ebl4j.energy.train.Dataset;
import org.ebl4j.energy.train.Trainer;
import org.ebl4j.optim.Adam;
import org.ebl4j.optim.CosineAnnealing;
import org.ebl4j.optim.Lbfgs;
import org.ebl4j.energy.train.ScheduleUnit;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/** Known models to sample from, and the comparisons the estimator tests make against them. */
final class Fixtures {
    /** N(μ, Σ) over ℝ³ with correlated coordinates of different scales. */
    static final float[] MEAN = {0.5f, -1f, 2f};
    static final float[][] COVARIANCE = {
        {1.0f, 0.5f, 0.2f},
        {0.5f, 1.5f, -0.3f},
        {0.2f, -0.3f, 0.8f},
    };

    /** An Ising model on {0, 1}⁶ with couplings and biases of both signs. */
    static final float[][] COUPLINGS;
    static final float[] BIASES = {0.4f, -0.6f, 0.2f, -0.3f, 0.7f, -0.1f};

    static {
        Rng rng = new Rng(2024);
        int d = BIASES.length;
        COUPLINGS = new float[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                float c = (float) (rng.nextDouble() * 1.6 - 0.8);
                COUPLINGS[i][j] = c;
                COUPLINGS[j][i] = c;
            }
        }
    }

    private Fixtures() {
    }

    static GaussianModel trueGaussian() {
        return GaussianModel.of(MEAN, COVARIANCE);
    }

    static FullyVisibleBoltzmannMachine trueIsing() {
        return FullyVisibleBoltzmannMachine.of(COUPLINGS, BIASES);
    }

    /** ‖A − B‖_F / ‖B‖_F. */
    static double relativeFrobenius(double[][] a, double[][] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                num += (a[i][j] - b[i][j]) * (a[i][j] - b[i][j]);
                den += b[i][j] * b[i][j];
            }
        }
        return Math.sqrt(num / den);
    }

    /** max_ij |A_ij − B_ij|. */
    static double maxAbs(double[][] a, double[][] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                m = Math.max(m, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return m;
    }

    static double maxAbs(double[] a, double[] b) {
        return maxAbs(new double[][] {a}, new double[][] {b});
    }

    /**
     * The distribution of {@code machine} itself as a data set: each of the 2ᵈ states repeated round(n·p(state))
     * times, so that the empirical distribution is p up to rounding (no sampling error).
     */
    static Tensor population(FullyVisibleBoltzmannMachine machine, int n) {
        Tensor states = machine.states();
        float[] p = machine.logDensity(states).exp().toArray();
        java.util.List<Integer> rows = new java.util.ArrayList<>();
        for (int s = 0; s < p.length; s++) {
            for (long k = Math.round((double) n * p[s]); k > 0; k--) {
                rows.add(s);
            }
        }
        return states.indexSelect(org.ebl4j.tensor.Indices.of(rows.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** Σ⁻¹ of the true Gaussian. */
    static double[][] truePrecision() {
        return trueGaussian().precision();
    }

    /** Full-batch L-BFGS on a deterministic objective, run by the Trainer. */
    static void fitLbfgs(Energy energy, Loss loss, Tensor data, int iterations) {
        Lbfgs lbfgs = new Lbfgs(energy.parameters(), 1, iterations, 1e-6, 1e-12, 20, Lbfgs.LineSearch.STRONG_WOLFE);
        Trainer.builder(energy, loss, lbfgs).epochs(1).batchSize(data.shape(0)).build().fit(new Dataset(null, data));
    }

    /** Adam on a stochastic objective, full batch, the learning rate annealed to 1 % by a cosine. */
    static void fitAdam(Energy energy, Loss loss, Tensor data, double lr, int steps, int batch) {
        int perEpoch = (data.shape(0) + batch - 1) / batch;
        Trainer.builder(energy, loss, new Adam(energy.parameters(), lr)).epochs(steps / perEpoch).batchSize(batch)
                .seed(5).schedule(new CosineAnnealing(lr, lr / 100, steps), ScheduleUnit.STEP).build()
                .fit(new Dataset(null, data));
    }
}
