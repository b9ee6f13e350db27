package org.ebl4j.cli.example;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.ebl4j.data.Digits;
import org.ebl4j.energy.DiscreteEnergy;
import org.ebl4j.energy.architecture.MulticlassClassifier;
import org.ebl4j.energy.inference.ExhaustiveSearch;
import org.ebl4j.energy.loss.EnergyLoss;
import org.ebl4j.energy.loss.HingeLoss;
import org.ebl4j.energy.loss.LogLoss;
import org.ebl4j.energy.loss.Loss;
import org.ebl4j.energy.loss.Lvq2Loss;
import org.ebl4j.energy.loss.MceLoss;
import org.ebl4j.energy.loss.NegativeLogLikelihoodLoss;
import org.ebl4j.energy.loss.PerceptronLoss;
import org.ebl4j.energy.loss.SquareExponentialLoss;
import org.ebl4j.energy.loss.SquareSquareLoss;
import org.ebl4j.energy.train.Dataset;
import org.ebl4j.energy.train.Trainer;
import org.ebl4j.energy.train.TrainingHistory;
import org.ebl4j.nn.Linear;
import org.ebl4j.nn.Sequential;
import org.ebl4j.nn.Tanh;
import org.ebl4j.optim.Sgd;
import org.ebl4j.tensor.Rng;

/**
 * Every loss of the tutorial's Table 1 (LeCun et al. 2006, §2) on one multiclass energy-based model: the
 * multiclass classifier architecture E(W, Y, X) = G_W(X)_Y, the energy of label Y being output Y of a 64-H-10
 * network G_W(X) = W₂ tanh(W₁X + b₁) + b₂ on the 8x8 digits (pixels in [0, 1]); inference Y* = argmin_Y E by
 * exhaustive search over the ten labels. Each loss trains the same network from the same initial weights, with
 * the same optimiser (SGD with momentum 0.9, one learning rate for every loss), batches, shuffling and epochs, on
 * the same fixed 80/20 split; the table reports test accuracy.
 *
 * <p>Hyper-parameters: margin m = 1 (hinge, square-square), saturation M = 1 (LVQ2), γ = 1 (square-exponential),
 * β = 1 (NLL, exact log-sum-exp over the ten labels). The energy loss only pushes the correct output down and, as
 * the tutorial says, fails on this architecture: nothing stops all ten outputs from falling together, so it
 * collapses (its loss decreases without bound while the labels stop being told apart).
 */
public final class LossTable {
    /** Seed of the fixed train/test permutation (independent of the training seed). */
    public static final long SPLIT_SEED = 0;
    /** The losses the tutorial says fail with this architecture. */
    public static final Set<String> EXPECTED_TO_FAIL = Set.of("energy");

    private LossTable() {
    }

    /** Training settings; the constructor rejects values out of range. */
    public record Config(int epochs, long seed, int hidden, int batch, double lr) {
        public Config {
            if (epochs < 1 || hidden < 1 || batch < 1) {
                throw new IllegalArgumentException("loss-table: epochs, hidden and batch must be >= 1, got epochs="
                        + epochs + ", hidden=" + hidden + ", batch=" + batch);
            }
            if (!(lr > 0) || Double.isInfinite(lr)) {
                throw new IllegalArgumentException("loss-table: need a finite lr > 0, got " + lr);
            }
        }
    }

    /** One row of the table: test accuracy, last epoch's mean training loss, training time. */
    public record Row(String loss, double accuracy, double trainLoss, double seconds) {
    }

    /** The rows of Table 1, in the tutorial's order, with the hyper-parameters of the class comment. */
    public static List<Loss> losses() {
        return List.of(new EnergyLoss(), new PerceptronLoss(), new HingeLoss(1f), new LogLoss(), new Lvq2Loss(1f),
                new MceLoss(), new SquareSquareLoss(1f), new SquareExponentialLoss(1f),
                new NegativeLogLikelihoodLoss(1f));
    }

    /** The 80/20 split of {@code digits} by the fixed permutation of {@link #SPLIT_SEED}. */
    public static Digits.Split split(Digits digits) {
        return digits.split(digits.size() * 4 / 5, SPLIT_SEED);
    }

    /** The multiclass classifier with a freshly initialised 64-{@code hidden}-10 tanh network. */
    public static MulticlassClassifier model(int hidden, Rng rng) {
        return new MulticlassClassifier(new Sequential(new Linear(Digits.PIXELS, hidden, rng), new Tanh(),
                new Linear(hidden, Digits.CLASSES, rng)), Digits.CLASSES);
    }

    /** Images [N, 64] as inputs and labels as float answers [N]. */
    static Dataset dataset(Digits digits) {
        return new Dataset(digits.flatImages(), DiscreteEnergy.answers(digits.labels()));
    }

    /** Trains one model per loss of {@link #losses()} and measures each on the test set; logs a line per loss. */
    public static List<Row> run(Digits.Split split, Config c, PrintWriter log) {
        Dataset train = dataset(split.train());
        Dataset test = dataset(split.test());
        return losses().stream().map(loss -> {
            MulticlassClassifier model = model(c.hidden(), new Rng(c.seed()));
            Trainer trainer = Trainer.builder(model, loss, new Sgd(model.parameters(), c.lr(), 0.9))
                    .epochs(c.epochs()).batchSize(c.batch()).seed(c.seed()).inference(new ExhaustiveSearch()).build();
            long t0 = System.nanoTime();
            TrainingHistory history = trainer.fit(train);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Row row = new Row(loss.name(), trainer.evaluate(test).get("accuracy"),
                    history.last().get("train_loss"), seconds);
            log.printf(Locale.ROOT, "%-18s test accuracy %6.2f %%  (final training loss %.4g, %.1f s)%n", row.loss(),
                    100 * row.accuracy(), row.trainLoss(), row.seconds());
            log.flush();
            return row;
        }).toList();
    }
}
