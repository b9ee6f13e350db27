package org.ebl4j.cli.example;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.ebl4j.data.Mnist;
import org.ebl4j.energy.train.ScheduleUnit;
import org.ebl4j.energy.train.TrainingHistory;
import org.ebl4j.optim.WarmupLinear;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.ebl4j.unsupervised.rbm.AnnealedImportanceSampling;
import org.ebl4j.unsupervised.rbm.BinaryRbm;
import org.ebl4j.unsupervised.rbm.ContrastiveDivergence;

/**
 * The experiment of Salakhutdinov &amp; Murray, "On the quantitative analysis of deep belief networks" (ICML 2008),
 * on MNIST digits: a binary RBM (visible biases started at the data's base rate, W ~ N(0, 0.01²)) trained with
 * CD-k or persistent CD (SGD with momentum, weight decay on W, by default a learning rate falling linearly to 0)
 * on binarised training digits, its partition function estimated by annealed importance
 * sampling from the data's base-rate model, and the average log-likelihood log p(v) = −F(v) − log Ẑ of the
 * training and test digits, in nats per digit. The paper reports −125.5 (CD-1) and −86.3 (CD-25) for 500 hidden
 * units trained on all 60,000 digits.
 *
 * <p>Binarisation: "stochastic" draws each pixel on with probability equal to its intensity, once, with the run's
 * seed (the convention of the paper's binarised MNIST); "threshold" sets pixels above 127 of 255 on.
 */
public final class RbmAis {
    /** The accepted binarisations. */
    public static final List<String> BINARISATIONS = List.of("stochastic", "threshold");
    /** The accepted learning-rate schedules. */
    public static final List<String> SCHEDULES = List.of("linear", "constant");

    private RbmAis() {
    }

    /** Settings; the constructor rejects values out of range (with the learning rule's own messages). */
    public record Config(int epochs, int cdK, boolean persistent, int hidden, int batch, double lr, double momentum,
                         double weightDecay, String schedule, String binarise, int aisRuns, int aisTemperatures,
                         long seed) {
        public Config {
            if (epochs < 1 || cdK < 1 || hidden < 1 || batch < 1) {
                throw new IllegalArgumentException("rbm-ais: epochs, cd, hidden and batch must be >= 1, got epochs="
                        + epochs + ", cd=" + cdK + ", hidden=" + hidden + ", batch=" + batch);
            }
            if (!SCHEDULES.contains(schedule)) {
                throw new IllegalArgumentException("rbm-ais: schedule must be one of " + SCHEDULES + ", got '"
                        + schedule + "'");
            }
            if (!BINARISATIONS.contains(binarise)) {
                throw new IllegalArgumentException("rbm-ais: binarise must be one of " + BINARISATIONS + ", got '"
                        + binarise + "'");
            }
            if (aisRuns < 2 || aisTemperatures < 3) {
                throw new IllegalArgumentException("rbm-ais: need ais-runs >= 2 and ais-temperatures >= 3, got "
                        + aisRuns + " and " + aisTemperatures);
            }
            new ContrastiveDivergence().k(cdK).persistent(persistent).learningRate(lr).momentum(momentum)
                    .weightDecay(weightDecay);
        }

        /**
         * The contrastive-divergence settings for {@code rows} training digits: with the "linear" schedule the rate
         * falls linearly per update from lr towards 0 over the run (as Tieleman 2008 does).
         */
        ContrastiveDivergence learning(int rows) {
            ContrastiveDivergence cd = new ContrastiveDivergence().k(cdK).persistent(persistent).epochs(epochs)
                    .batchSize(batch).learningRate(lr).momentum(momentum).weightDecay(weightDecay).seed(seed);
            int updates = epochs * ((rows + batch - 1) / batch);
            return schedule.equals("linear") ? cd.schedule(new WarmupLinear(lr, 0, updates), ScheduleUnit.STEP) : cd;
        }
    }

    /**
     * What a run measured: the AIS estimate (log Ẑ, its spread, the paper's interval, the effective number of runs),
     * the mean log-likelihoods, the per-epoch reconstruction errors and the seconds spent training and annealing.
     */
    public record Result(String method, int trainSize, int testSize, double testLogLikelihood,
                         double trainLogLikelihood, double logZ, double logZSpread, double logZLow, double logZHigh,
                         double logZBase, double aisEffectiveRuns, List<Double> epochReconstructionError,
                         double trainSeconds, double aisSeconds) {
    }

    /** Binarises, trains on {@code data.train()}, anneals, and evaluates on both sets; logs progress. */
    public static Result run(Mnist.Split data, Config c, PrintWriter log) {
        Rng rng = new Rng(c.seed());
        Tensor train = binarise(data.train().flatImages(), c.binarise(), rng);
        Tensor test = binarise(data.test().flatImages(), c.binarise(), rng);
        BinaryRbm rbm = new BinaryRbm(train.shape(1), c.hidden(), rng).matchVisibleBias(train);
        ContrastiveDivergence cd = c.learning(train.shape(0)).listener(m -> {
            log.printf(Locale.ROOT, "epoch %d/%d  reconstruction error %.5f  (%.2f s)%n", m.epoch(), c.epochs(),
                    m.get("reconstruction_error"), m.seconds());
            log.flush();
        });
        long t0 = System.nanoTime();
        TrainingHistory h = cd.train(rbm, train);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        log.printf(Locale.ROOT, "annealed importance sampling: %d runs x %d temperatures ...%n", c.aisRuns(),
                c.aisTemperatures());
        log.flush();
        t0 = System.nanoTime();
        AnnealedImportanceSampling ais = new AnnealedImportanceSampling(c.aisRuns(),
                AnnealedImportanceSampling.schedule(c.aisTemperatures()), c.seed());
        AnnealedImportanceSampling.Estimate z = ais.logPartition(rbm, train);
        double aisSeconds = (System.nanoTime() - t0) / 1e9;
        List<Double> errors = Arrays.stream(h.series("reconstruction_error")).boxed().toList();
        return new Result(cd.name(), train.shape(0), test.shape(0), z.logLikelihood(rbm, test),
                z.logLikelihood(rbm, train), z.logZ(), z.logZSpread(), z.logZLow(), z.logZHigh(), z.logZBase(),
                z.effectiveSampleSize(), errors, trainSeconds, aisSeconds);
    }

    /** Pixels in [0, 1] to {0, 1}: Bernoulli draws of their intensity, or intensity above 127/255. */
    static Tensor binarise(Tensor pixels, String how, Rng rng) {
        return how.equals("stochastic") ? rng.bernoulli(pixels) : pixels.gt(Tensor.scalar(127.5f / 255f));
    }
}
