package org.ebl4j.cli.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.ebl4j.energy.train.TrainingHistory;
import org.ebl4j.io.SafeTensors;
import org.ebl4j.nn.Module;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Tensor;

/**
 * The model a {@link RunConfig} describes, with how it trains (resumably), evaluates and shows its filters: an RBM
 * trained by contrastive divergence ({@link RbmRun}) or a network trained by the library's Trainer
 * ({@link TrainerRun}). Seeds: the initial weights come from seed + 1, the training procedure uses the seed itself,
 * a denoising auto-encoder's corruption seed + 2 and evaluation seed + 3 (binarisation: see {@link RunData}).
 */
public abstract sealed class RunModel permits RbmRun, TrainerRun {
    /** The model of {@code config} for inputs of width {@code inputs} and {@code classes} labels (0: none). */
    public static RunModel create(RunConfig config, int inputs, int classes) {
        return config.model().isRbm() ? new RbmRun(config, inputs) : new TrainerRun(config, inputs, classes);
    }

    /** The trained parameters. */
    public abstract Module module();

    /** The per-epoch value the progress bar shows. */
    public abstract String headline();

    /**
     * Trains on {@code data} to the configured number of epochs, writing checkpoints into {@code dir}; with
     * {@code resume} continues from its last checkpoint (from the start when there is none yet).
     */
    public abstract TrainingHistory train(RunData data, RunDirectory dir, boolean resume, RunListener listener)
            throws IOException;

    /** Metrics of the model on {@code rows} (labels may be null), deterministic for a given seed. */
    public abstract Map<String, Double> evaluate(Tensor rows, Indices labels, long seed);

    /** The first layer's filters as rows [K, inputs], for a figure. */
    public abstract Tensor filters();

    /**
     * Writes the weights as plain safetensors (the state dict) with metadata "type", "height" and "width" (the
     * input images' size).
     */
    public final void save(Path file, int height, int width) throws IOException {
        SafeTensors.save(file, module().stateDict(), Map.of("type", type(), "height", Integer.toString(height),
                "width", Integer.toString(width)));
    }

    /** Reads weights written by {@link #save}; returns the input images' size {height, width}. */
    public final int[] load(Path file) throws IOException {
        SafeTensors.Loaded loaded = SafeTensors.load(file);
        try {
            module().loadStateDict(loaded.tensors());
            return new int[] {Integer.parseInt(loaded.metadata().get("height")),
                Integer.parseInt(loaded.metadata().get("width"))};
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(file + ": not the weights of " + module() + ": " + e.getMessage(), e);
        }
    }

    abstract String type();
}
