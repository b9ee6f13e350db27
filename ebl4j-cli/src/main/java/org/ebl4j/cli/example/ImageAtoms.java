package org.ebl4j.cli.example;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.data.image.Patches;
import org.ebl4j.data.image.Whitening;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.ebl4j.unsupervised.sparse.Fista;
import org.ebl4j.unsupervised.sparse.MiniBatchDictionaryLearning;
import org.ebl4j.unsupervised.sparse.PredictiveSparseDecomposition;
import org.ebl4j.unsupervised.sparse.SparseCode;
import org.ebl4j.unsupervised.sparse.SparseCoding;
import org.ebl4j.unsupervised.sparse.SparseCodingEnergy;

/**
 * Sparse coding of natural image patches (Olshausen &amp; Field 1996; LeCun's lecture: 12x12 patches, 256 atoms,
 * "V1-like receptive fields"). Random p x p patches of grey images lose their mean, are ZCA-whitened
 * ({@link Whitening}, ε regularised) and a dictionary of unit-norm atoms is learned by online dictionary learning
 * ({@link MiniBatchDictionaryLearning}, codes by {@link Fista}) on E(W, Y) = min_Z ½‖Y − WZ‖² + λ|Z|₁.
 *
 * <p>"Localised, oriented (Gabor-like)" is measured per atom a (a p x p picture), with its energy e = a²:
 * <ul>
 *   <li>localisation: the fraction of Σ e inside the disc of area p²/4 centred on the energy centroid (about 0.25
 *       for energy spread evenly; 1 for a blob); localised when ≥ {@value #LOCALISED};</li>
 *   <li>orientation: R = |Σ_f P(f) e^{2iθ(f)}| / Σ_f P(f) over the non-zero frequencies f of the 2-D power
 *       spectrum P = |DFT(a)|², θ(f) the frequency's angle (1 − R is the circular variance of the doubled angle;
 *       R = 1 for a plane wave, near 0 for white noise or a round blob); oriented when R ≥ {@value #ORIENTED}.</li>
 * </ul>
 * An atom is Gabor-like when it is both. Baselines: Gaussian random unit atoms (neither) and the PCA components of
 * the same patches (global plane-wave-like patterns: often oriented, not localised).
 *
 * <p>With a prediction weight α &gt; 0 ({@link Config#psdAlpha}) the model is {@link PredictiveSparseDecomposition}
 * instead (the lecture's "PSD: training on natural images patches, 12X12, 256 basis functions"): the decoder's atoms
 * are learned jointly with a shrinkage encoder g_e(Y) = h_θ(W_e Y) that predicts the codes, and the encoder's
 * filters (rows of W_e) are measured too; the held-out report adds the encoder's code: its prediction error
 * ½‖g_e(Y) − Z*‖², the sparse-coding objective at g_e(Y), and the time per code against FISTA's.
 */
public final class ImageAtoms {
    /** Localisation threshold: twice the share of the disc for evenly spread energy. */
    public static final double LOCALISED = 0.5;
    /** Orientation threshold on R. */
    public static final double ORIENTED = 0.5;

    /** PSD's encoder rate (Adam; whitened patches, λ = 1). */
    static final double PSD_ENCODER_RATE = 1e-3;

    private ImageAtoms() {
    }

    /** Settings; the constructor rejects values out of range. */
    public record Config(int patchSize, int atoms, int patches, int heldOut, int epochs, int batch, double lambda,
            double whitenEpsilon, int solverIterations, long seed, double psdAlpha) {
        public Config {
            if (patchSize < 2 || atoms < 1 || patches < atoms || heldOut < 1 || epochs < 1 || batch < 1
                    || solverIterations < 1 || !(lambda > 0) || Double.isInfinite(lambda) || !(whitenEpsilon >= 0)
                    || Double.isInfinite(whitenEpsilon) || !(psdAlpha >= 0) || Double.isInfinite(psdAlpha)) {
                throw new IllegalArgumentException("image-atoms: need patch size >= 2, atoms >= 1, patches >= atoms, "
                        + "held-out >= 1, epochs >= 1, batch >= 1, solver iterations >= 1, lambda > 0 and whitening "
                        + "epsilon >= 0, got patch size " + patchSize + ", atoms " + atoms + ", patches " + patches
                        + ", held-out " + heldOut + ", epochs " + epochs + ", batch " + batch + ", iterations "
                        + solverIterations + ", lambda " + lambda + ", epsilon " + whitenEpsilon + " (and a PSD alpha "
                        + ">= 0, got " + psdAlpha + ")");
            }
        }
    }

    /** Per-atom localisation and orientation, and the fractions over the thresholds. */
    public record Measures(double[] localisation, double[] orientation) {
        public double localisedFraction() {
            return fraction(localisation, null);
        }

        public double orientedFraction() {
            return fraction(null, orientation);
        }

        public double gaborLikeFraction() {
            return fraction(localisation, orientation);
        }

        private double fraction(double[] loc, double[] ori) {
            int n = localisation.length;
            int hits = 0;
            for (int i = 0; i < n; i++) {
                if ((loc == null || loc[i] >= LOCALISED) && (ori == null || ori[i] >= ORIENTED)) {
                    hits++;
                }
            }
            return hits / (double) n;
        }
    }

    /**
     * The learned atoms as rows [atoms, p·p] (in the whitened space), the PCA components [r, p·p], the held-out mean
     * objective and non-zeros per code, the measures of the atoms and of both baselines, and the learning curve.
     */
    public record Result(Tensor atoms, Tensor pcaComponents, double objective, double meanNonzeros, Measures learned,
            Measures random, Measures pca, double[] learningCurve, Encoder encoder) {
    }

    /**
     * PSD's encoder on the held-out patches: its filters (rows of W_e) and their measures, the mean prediction error
     * ½‖g_e(Y) − Z*‖², the mean sparse-coding objective at g_e(Y) (that of Z* is the result's objective), and the
     * seconds per patch of the encoder and of FISTA.
     */
    public record Encoder(Tensor filters, Measures measures, double predictionError, double objective,
            double secondsPerCode, double fistaSecondsPerCode) {
    }

    /** Learns the dictionary on patches of the grey {@code images} and measures it; progress goes to {@code log}. */
    public static Result run(List<Tensor> images, Config c, PrintWriter log) {
        Rng rng = new Rng(c.seed());
        int p = c.patchSize();
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            Tensor train = Patches.removeMean(Patches.random(images, p, c.patches(), rng));
            Tensor held = Patches.removeMean(Patches.random(images, p, c.heldOut(), rng));
            Whitening zca = Whitening.fit(train, Whitening.Kind.ZCA, c.whitenEpsilon());
            Tensor y = zca.apply(train).contiguous();
            Tensor yHeld = zca.apply(held).contiguous();
            log.printf(Locale.ROOT, "whitened %d training patches (ZCA, rank %d, epsilon %s); learning %d atoms%n",
                    c.patches(), zca.rank(), c.whitenEpsilon(), c.atoms());
            log.flush();
            SparseCodingEnergy start = SparseCodingEnergy.fromSamples(y, c.atoms(), c.lambda(), rng);
            Fista fista = new Fista(c.solverIterations(), 1e-4);
            SparseCoding model;
            PredictiveSparseDecomposition psd = null;
            double[] curve;
            if (c.psdAlpha() > 0) {
                psd = new PredictiveSparseDecomposition(start, c.psdAlpha(), 0).inference(fista)
                        .training(c.epochs(), c.batch(), PSD_ENCODER_RATE, c.seed());
                psd.fit(y);
                curve = psd.learningCurve();
                model = new SparseCoding(psd.decoder()).inference(fista);
            } else {
                model = new SparseCoding(start).inference(fista)
                        .learner(new MiniBatchDictionaryLearning(c.batch(), c.epochs(), c.seed()));
                model.fit(y);
                curve = model.learningCurve();
            }
            for (int e = 0; e < curve.length; e++) {
                log.printf(Locale.ROOT, "epoch %d: mean %s %.4f%n", e + 1, psd != null ? "energy" : "objective",
                        curve[e]);
            }
            long t0 = System.nanoTime();
            SparseCode code = model.encode(yHeld);
            double fistaSeconds = (System.nanoTime() - t0) / 1e9 / c.heldOut();
            double nonzeros = 0;
            for (float v : code.codes().toArray()) {
                nonzeros += v != 0 ? 1 : 0;
            }
            Tensor atoms = model.dictionary().t().contiguousCopy();
            Tensor random = rng.normal(0, 1, c.atoms(), p * p);
            Tensor pca = zca.components();
            Encoder encoder = null;
            if (psd != null) {
                long t1 = System.nanoTime();
                Tensor predicted = psd.transform(yHeld);
                double encoderSeconds = (System.nanoTime() - t1) / 1e9 / c.heldOut();
                Tensor filters = psd.encoder().encoder().detach().contiguousCopy();
                encoder = new Encoder(filters, measures(filters, p), predicted.sub(code.codes()).square()
                        .sum(1, false).mul(0.5f).mean().item(), psd.decoder().energy(null, predicted, yHeld).mean()
                        .item(), encoderSeconds, fistaSeconds);
            }
            return new Result(atoms, pca, code.finalObjective(), nonzeros / c.heldOut(), measures(atoms, p),
                    measures(random, p), measures(pca, p), curve, encoder);
        }
    }

    /** The measures of every row of {@code atoms} [k, p·p]. */
    public static Measures measures(Tensor atoms, int p) {
        int k = atoms.shape(0);
        float[] v = atoms.toArray();
        double[] loc = new double[k];
        double[] ori = new double[k];
        for (int i = 0; i < k; i++) {
            float[] atom = Arrays.copyOfRange(v, i * p * p, (i + 1) * p * p);
            loc[i] = localisation(atom, p);
            ori[i] = orientation(atom, p);
        }
        return new Measures(loc, ori);
    }

    /** The fraction of the atom's energy a² inside the disc of area p²/4 around its energy centroid. */
    public static double localisation(float[] atom, int p) {
        double total = 0;
        double cy = 0;
        double cx = 0;
        for (int y = 0; y < p; y++) {
            for (int x = 0; x < p; x++) {
                double e = (double) atom[y * p + x] * atom[y * p + x];
                total += e;
                cy += e * y;
                cx += e * x;
            }
        }
        if (total == 0) {
            return 0;
        }
        cy /= total;
        cx /= total;
        double r2 = p * p / (4 * Math.PI); // π r² = p² / 4
        double inside = 0;
        for (int y = 0; y < p; y++) {
            for (int x = 0; x < p; x++) {
                if ((y - cy) * (y - cy) + (x - cx) * (x - cx) <= r2) {
                    inside += (double) atom[y * p + x] * atom[y * p + x];
                }
            }
        }
        return inside / total;
    }

    /**
     * R = |Σ P(f) e^{2iθ(f)}| / Σ P(f) over the non-zero frequencies (f_y, f_x) ∈ [−p/2, p/2)² of the atom's power
     * spectrum, θ(f) = atan2(f_y, f_x); 0 for an atom without power off the zero frequency.
     */
    public static double orientation(float[] atom, int p) {
        double[] cos = new double[p];
        double[] sin = new double[p];
        for (int k = 0; k < p; k++) {
            cos[k] = Math.cos(2 * Math.PI * k / p);
            sin[k] = Math.sin(2 * Math.PI * k / p);
        }
        double total = 0;
        double re = 0;
        double im = 0;
        for (int fy = -p / 2; fy < p - p / 2; fy++) {
            for (int fx = -p / 2; fx < p - p / 2; fx++) {
                if (fy == 0 && fx == 0) {
                    continue;
                }
                double sr = 0;
                double si = 0;
                for (int y = 0; y < p; y++) {
                    for (int x = 0; x < p; x++) {
                        int k = Math.floorMod(fy * y + fx * x, p); // e^{−2πi k/p}
                        sr += atom[y * p + x] * cos[k];
                        si -= atom[y * p + x] * sin[k];
                    }
                }
                double power = sr * sr + si * si;
                double theta = Math.atan2(fy, fx);
                total += power;
                re += power * Math.cos(2 * theta);
                im += power * Math.sin(2 * theta);
            }
        }
        return total == 0 ? 0 : Math.hypot(re, im) / total;
    }

    /** The atom as a grey picture, scaled from its own minimum (black) to its maximum (white), each pixel scale². */
    public static BufferedImage picture(float[] atom, int p, int scale) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : atom) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        float range = hi > lo ? hi - lo : 1;
        BufferedImage image = new BufferedImage(p * scale, p * scale, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < p * scale; y++) {
            for (int x = 0; x < p * scale; x++) {
                int level = Math.round(255 * (atom[(y / scale) * p + x / scale] - lo) / range);
                image.getRaster().setSample(x, y, 0, level);
            }
        }
        return image;
    }
}
