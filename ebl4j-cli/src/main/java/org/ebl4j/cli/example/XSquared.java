package org.ebl4j.cli.example;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.cli.plot.Grid;
import org.ebl4j.cli.plot.HeatMap;
import org.ebl4j.energy.Domain;
import org.ebl4j.energy.Energy;
import org.ebl4j.energy.architecture.ImplicitRegression;
import org.ebl4j.energy.architecture.Regression;
import org.ebl4j.energy.inference.ExhaustiveSearch;
import org.ebl4j.energy.inference.GradientDescent;
import org.ebl4j.energy.loss.EnergyLoss;
import org.ebl4j.energy.loss.HingeLoss;
import org.ebl4j.energy.loss.LogLoss;
import org.ebl4j.energy.loss.Loss;
import org.ebl4j.energy.loss.MostOffendingIncorrectAnswer;
import org.ebl4j.energy.loss.NegativeLogLikelihoodLoss;
import org.ebl4j.energy.loss.PerceptronLoss;
import org.ebl4j.energy.loss.QuadratureLogPartition;
import org.ebl4j.energy.loss.SquareSquareLoss;
import org.ebl4j.energy.train.Dataset;
import org.ebl4j.energy.train.Trainer;
import org.ebl4j.energy.train.TrainingHistory;
import org.ebl4j.nn.Layer;
import org.ebl4j.nn.Linear;
import org.ebl4j.nn.Sequential;
import org.ebl4j.nn.Tanh;
import org.ebl4j.optim.Adam;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * "Learning Y = X²" (LeCun et al. 2006, §2.2 and the slides "Energy Loss: COLLAPSES!!! / WORKS!!!" and
 * "SquareSquare Loss: Learning Y = X², NO COLLAPSE!!!"): training samples X ~ U[−1, 1], Y = X² + N(0, σ²), answers
 * Y in the box [−0.25, 1.25], and two architectures with tanh networks of one hidden layer:
 * <ul>
 *   <li>regression, E(W, Y, X) = ½(G_W(X) − Y)² with G_W: 1-H-1, whose only zero-energy answer is G_W(X), so the
 *   energy loss alone learns it;
 *   <li>implicit regression, E(W, Y, X) = ‖G1_W(X) − G2_W(Y)‖² with G1_W, G2_W: 1-H-{@value #EMBEDDING}, where G1
 *   and G2 can both become constant and make every answer's energy 0: the energy loss collapses, a contrastive
 *   loss does not. (With a 2-dimensional embedding the square-square loss got stuck, for 4 of 8 seeds at 80
 *   epochs, on the flat surface E ≡ m/2 where its two terms balance; with 4 dimensions it escaped for all 8.)
 * </ul>
 * Losses on the continuous Y: the margin losses pull up the most offending incorrect answer, the lowest energy at
 * distance ≥ ε from the correct answer (gradient descent on Y, {@link #SEARCH_STEPS} steps from
 * {@link #SEARCH_RESTARTS} starting points); the perceptron loss pulls up Y* = argmin_Y E found the same way; the
 * NLL loss integrates exp(−βE) over the answer box by the midpoint rule on {@link #QUADRATURE_POINTS} answers.
 * Every run trains with Adam on mini-batches, the same samples, initial weights and settings for every loss. From
 * the seed s of the {@link Config}: the samples come from Rng(s) (see {@link #samples}), the initial weights from
 * Rng(s + 1), the searches' starting points from Rng(s + 2), the wrong answers of the collapse metric from
 * Rng(s + 3), and the Trainer shuffles with seed s.
 *
 * <p>Measurements: the collapse metric ({@link #gap}) and the inference error ({@link #argminError}) on a fixed grid
 * of test inputs, and the energy surface over (X, Y) ({@link #surface}).
 */
public final class XSquared {
    /** Where the answers Y live. */
    public static final Domain ANSWERS = Domain.box(-0.25f, 1.25f, 1);
    /** The losses {@link #loss} builds, in the order of the tutorial's table. */
    public static final List<String> LOSSES = List.of("energy", "perceptron", "hinge", "log", "square-square", "nll");
    /** Dimension of the space where implicit regression compares G1(X) and G2(Y). */
    public static final int EMBEDDING = 4;
    /** Gradient steps and starting points of the search for the most offending (or lowest) answer. */
    public static final int SEARCH_STEPS = 10;
    public static final int SEARCH_RESTARTS = 2;
    /** Midpoint-rule answers of the NLL loss's log-partition integral. */
    public static final int QUADRATURE_POINTS = 40;
    /** Evenly spaced test inputs on [−1, 1]. */
    public static final int TEST_POINTS = 201;
    /** Random wrong answers per test input in the collapse metric. */
    public static final int WRONG_PER_INPUT = 16;
    /** Candidate answers of exhaustive inference (spacing 0.005 over the answer box). */
    public static final int CANDIDATES = 301;

    private XSquared() {
    }

    /** Settings shared by every run; the constructor rejects values out of range. */
    public record Config(int epochs, long seed, int samples, double noise, int hidden, int batch, double lr,
                         double margin, double epsilon, double beta) {
        public Config {
            if (epochs < 1 || samples < 2 || hidden < 1 || batch < 1) {
                throw new IllegalArgumentException("need epochs >= 1, samples >= 2, hidden >= 1, batch >= 1, got "
                        + "epochs=" + epochs + ", samples=" + samples + ", hidden=" + hidden + ", batch=" + batch);
            }
            if (!(noise >= 0) || !(lr > 0) || !(margin > 0) || !(beta > 0) || Double.isInfinite(noise)
                    || Double.isInfinite(lr) || Double.isInfinite(margin) || Double.isInfinite(beta)) {
                throw new IllegalArgumentException("need finite noise >= 0, lr > 0, margin > 0 and beta > 0, got "
                        + "noise=" + noise + ", lr=" + lr + ", margin=" + margin + ", beta=" + beta);
            }
            if (!(epsilon > 0 && epsilon < 0.5)) {
                throw new IllegalArgumentException("need epsilon in (0, 0.5) (the answer box is 1.5 wide), got "
                        + epsilon);
            }
        }
    }

    /** A trained energy, its training history and what it measured. */
    public record Run(String name, Energy energy, TrainingHistory history, double gap, double argminError,
                      double seconds) {
    }

    /** {@code n} samples X ~ U[−1, 1], Y = X² + N(0, noise²), clamped into {@link #ANSWERS}. */
    public static Dataset samples(int n, double noise, Rng rng) {
        Tensor x = rng.uniform(-1f, 1f, n, 1);
        return new Dataset(x, ANSWERS.project(x.square().add(rng.normal(0f, (float) noise, n, 1))));
    }

    /** The test inputs: {@link #TEST_POINTS} evenly spaced X on [−1, 1], [N, 1]. */
    public static Tensor testInputs() {
        return Tensor.of(linspace(-1, 1, TEST_POINTS), TEST_POINTS, 1);
    }

    private static float[] linspace(double lo, double hi, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (lo + i * (hi - lo) / (n - 1));
        }
        return v;
    }

    private static Layer mlp(int out, int hidden, Rng rng) {
        return new Sequential(new Linear(1, hidden, rng), new Tanh(), new Linear(hidden, out, rng));
    }

    /** E = ‖G1(X) − G2(Y)‖², both networks 1-H-{@value #EMBEDDING} tanh. */
    public static ImplicitRegression implicitRegression(int hidden, Rng rng) {
        return new ImplicitRegression(mlp(EMBEDDING, hidden, rng), mlp(EMBEDDING, hidden, rng));
    }

    /** E = ½(G(X) − Y)², G 1-H-1 tanh. */
    public static Regression regression(int hidden, Rng rng) {
        return new Regression(mlp(1, hidden, rng));
    }

    /**
     * The loss {@code name} (one of {@link #LOSSES}) with the config's margin, ε and β; the searches for answers to
     * pull up draw their starting points from {@code rng} (unused by the energy and NLL losses).
     */
    public static Loss loss(String name, Config c, Rng rng) {
        return switch (name) {
            case "energy" -> new EnergyLoss();
            case "perceptron" -> new PerceptronLoss(search(rng));
            case "hinge" -> new HingeLoss((float) c.margin(), offending(c, rng));
            case "log" -> new LogLoss(offending(c, rng));
            case "square-square" -> new SquareSquareLoss((float) c.margin(), offending(c, rng));
            case "nll" -> new NegativeLogLikelihoodLoss((float) c.beta(),
                    QuadratureLogPartition.midpoint(ANSWERS, QUADRATURE_POINTS));
            default -> throw new IllegalArgumentException("unknown loss '" + name + "', expected one of " + LOSSES);
        };
    }

    private static MostOffendingIncorrectAnswer offending(Config c, Rng rng) {
        return MostOffendingIncorrectAnswer.continuous(search(rng), (float) c.epsilon());
    }

    private static GradientDescent search(Rng rng) {
        return new GradientDescent(ANSWERS, rng).steps(SEARCH_STEPS).restarts(SEARCH_RESTARTS);
    }

    /** Implicit regression trained with the loss {@code name} (one of {@link #LOSSES}), measured. */
    public static Run trainImplicitRegression(String loss, Dataset data, Config c) {
        return train("implicit regression, " + loss + " loss", implicitRegression(c.hidden(), new Rng(c.seed() + 1)),
                loss(loss, c, new Rng(c.seed() + 2)), data, c);
    }

    /** Regression trained with the energy loss, measured. */
    public static Run trainRegression(Dataset data, Config c) {
        return train("regression, energy loss", regression(c.hidden(), new Rng(c.seed() + 1)), new EnergyLoss(), data,
                c);
    }

    /**
     * Trains {@code energy} with {@code loss} on {@code data} (Adam, the config's epochs, batch and learning rate,
     * shuffling seeded by the config's seed) and measures it.
     */
    private static Run train(String name, Energy energy, Loss loss, Dataset data, Config c) {
        Trainer trainer = Trainer.builder(energy, loss, new Adam(energy.parameters(), c.lr())).epochs(c.epochs())
                .batchSize(c.batch()).seed(c.seed()).build();
        long t0 = System.nanoTime();
        TrainingHistory history = trainer.fit(data);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Run(name, energy, history, gap(energy, c.epsilon(), new Rng(c.seed() + 3)),
                argminError(energy), seconds);
    }

    /**
     * The collapse metric: the mean, over the test inputs X, of E(W, Ȳ, X) − E(W, X², X), where the wrong answers
     * Ȳ ({@link #WRONG_PER_INPUT} per input) are uniform on the answer box outside the ε-ball around X². A
     * collapsed (flat) energy has gap 0; a margin loss that reached zero loss has gap ≥ m.
     */
    public static double gap(Energy energy, double epsilon, Rng rng) {
        float[] x = testInputs().toArray();
        float[] wrongX = new float[x.length * WRONG_PER_INPUT];
        float[] wrongY = new float[wrongX.length];
        for (int i = 0; i < x.length; i++) {
            double correct = (double) x[i] * x[i];
            for (int j = 0; j < WRONG_PER_INPUT; j++) {
                double w;
                do {
                    w = ANSWERS.lo() + rng.nextDouble() * (ANSWERS.hi() - ANSWERS.lo());
                } while (Math.abs(w - correct) <= epsilon);
                wrongX[i * WRONG_PER_INPUT + j] = x[i];
                wrongY[i * WRONG_PER_INPUT + j] = (float) w;
            }
        }
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            Tensor xs = testInputs();
            double right = energy.energy(xs, xs.square()).mean().item();
            double wrong = energy.energy(Tensor.of(wrongX, wrongX.length, 1), Tensor.of(wrongY, wrongY.length, 1))
                    .mean().item();
            return wrong - right;
        }
    }

    /**
     * Mean |Y* − X²| over the test inputs, with Y* = argmin_Y E(W, Y, X): G(X) for regression, exhaustive search
     * over {@link #CANDIDATES} answers of the box otherwise.
     */
    public static double argminError(Energy energy) {
        Tensor x = testInputs();
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            Tensor found = energy instanceof Regression r ? r.predict(x)
                    : new ExhaustiveSearch(Tensor.of(linspace(ANSWERS.lo(), ANSWERS.hi(), CANDIDATES), CANDIDATES, 1))
                    .infer(energy, x).y();
            return found.sub(x.square()).abs().mean().item();
        }
    }

    /** The energy surface over X ∈ [−1, 1] (121 columns) and the answer box (91 rows). */
    public static Grid surface(Energy energy) {
        return Grid.ofEnergy(energy, -1, 1, 121, ANSWERS.lo(), ANSWERS.hi(), 91);
    }

    /**
     * Writes the energy surface of {@code run} as a PNG: the training samples as white dots, the argmin curve
     * Y*(X) in red, and as colour E(W, Y, X) − min_y E(W, y, X), each answer's energy above the best answer for the
     * same X (what inference and the Gibbs distribution see), from 0 (dark) to {@code span} (bright) and clamped
     * above, so that surfaces of different losses share one scale and a collapsed (flat) surface is uniformly dark.
     */
    public static void writeSurface(Run run, Dataset data, double span, Path file) throws IOException {
        Grid grid = surface(run.energy());
        double[] xs = new double[grid.cols()];
        for (int c = 0; c < xs.length; c++) {
            xs[c] = grid.x(c);
        }
        new HeatMap(grid.minusColumnMinimum(), 4).valueRange(0, span)
                .points(toDoubles(data.x()), toDoubles(data.y()))
                .curve(xs, grid.argminPerColumn())
                .title(run.name() + ": E(Y, X) - min_y E(y, X), X across, Y up")
                .write(file);
    }

    private static double[] toDoubles(Tensor t) {
        float[] v = t.toArray();
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
