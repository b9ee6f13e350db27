package org.ebl4j.cli.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.train.ScheduleUnit;
import org.ebl4j.energy.train.TrainingHistory;
import org.ebl4j.nn.Module;
import org.ebl4j.optim.WarmupLinear;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.ebl4j.unsupervised.rbm.BinaryRbm;
import org.ebl4j.unsupervised.rbm.ContrastiveDivergence;

/**
 * A binary RBM trained by contrastive divergence (CD-k or PCD-k, SGD with momentum), its visible biases started at
 * the training data's base rate. Checkpoints: {@link ContrastiveDivergence#checkpoints} writes the run's last
 * checkpoint every checkpoint_every updates (unit "batches") and at the end of every epoch, which is also kept as
 * checkpoints/epoch-NNNN; a resumed run continues bit-identically.
 */
final class RbmRun extends RunModel {
    private final RunConfig config;
    private final BinaryRbm rbm;

    RbmRun(RunConfig config, int inputs) {
        this.config = config;
        this.rbm = new BinaryRbm(inputs, config.model().hidden().get(0), new Rng(config.training().seed() + 1));
    }

    BinaryRbm rbm() {
        return rbm;
    }

    @Override
    public Module module() {
        return rbm;
    }

    @Override
    public String headline() {
        return "reconstruction_error";
    }

    @Override
    String type() {
        return "rbm";
    }

    @Override
    public TrainingHistory train(RunData data, RunDirectory dir, boolean resume, RunListener listener)
            throws IOException {
        RunConfig.Training t = config.training();
        Tensor train = data.train();
        int batches = (train.shape(0) + t.batchSize() - 1) / t.batchSize();
        ContrastiveDivergence cd = new ContrastiveDivergence().k(t.cdK()).persistent(t.persistent())
                .epochs(t.epochs()).batchSize(t.batchSize()).learningRate(t.learningRate()).momentum(t.momentum())
                .weightDecay(t.weightDecay()).seed(t.seed())
                .checkpoints(dir.lastCheckpoint(), t.checkpointUnit().equals("batches") ? t.checkpointEvery()
                        : t.checkpointEvery() * batches)
                .progress(listener::batch)
                .listener(m -> {
                    try {
                        dir.keepEpochCheckpoint(m.epoch());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    listener.epoch(m);
                });
        if (t.schedule().equals("linear")) {
            cd.schedule(new WarmupLinear(t.learningRate(), 0, t.epochs() * batches), ScheduleUnit.STEP);
        }
        rbm.matchVisibleBias(train);
        if (resume && Files.exists(dir.lastCheckpoint())) {
            listener.restored(cd.resume(dir.lastCheckpoint()).epochs());
        }
        return cd.train(rbm, train);
    }

    /**
     * "reconstruction_error" (mean over rows and units of (v − E[v | h])², h ~ p(h | v), as contrastive divergence
     * reports it), "free_energy" (mean F(v)) and "pseudo_log_likelihood" (mean D·log σ(F(ṽ) − F(v)) with ṽ = v with
     * one random unit flipped per row, scikit-learn's estimate), in nats per example.
     */
    @Override
    public Map<String, Double> evaluate(Tensor rows, Indices labels, long seed) {
        Rng rng = new Rng(seed + 3);
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("reconstruction_error", rbm.visibleMean(rbm.sampleHidden(rows, rng)).sub(rows).square().mean()
                    .item() * 1.0);
            Tensor f = rbm.freeEnergy(rows);
            out.put("free_energy", (double) f.mean().item());
            int n = rows.shape(0);
            int d = rows.shape(1);
            float[] flipped = rows.contiguous().toArray();
            for (int i = 0; i < n; i++) {
                int j = i * d + rng.nextInt(d);
                flipped[j] = 1 - flipped[j];
            }
            Tensor gap = rbm.freeEnergy(Tensor.of(flipped, n, d)).sub(f);
            // log σ(x) = −softplus(−x)
            out.put("pseudo_log_likelihood", -gap.neg().softplus().mean().item() * (double) d);
            return out;
        }
    }

    @Override
    public Tensor filters() {
        return rbm.weight().t().contiguousCopy();
    }
}
