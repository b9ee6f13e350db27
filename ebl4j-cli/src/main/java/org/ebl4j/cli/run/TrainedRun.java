package org.ebl4j.cli.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A finished run loaded back: its folder, configuration, and model with the weights of model.safetensors. The
 * argument may be the run folder or its model.safetensors.
 *
 * @param dir    the run folder
 * @param config its configuration
 * @param model  the model, weights loaded
 * @param height input image rows
 * @param width  input image columns
 */
public record TrainedRun(RunDirectory dir, RunConfig config, RunModel model, int height, int width) {
    public static TrainedRun load(Path runOrModel) throws IOException {
        Path folder = Files.isRegularFile(runOrModel) ? runOrModel.toAbsolutePath().getParent() : runOrModel;
        RunDirectory dir = RunDirectory.open(folder);
        RunConfig config = RunConfig.read(dir.config(), List.of());
        Path weights = Files.isRegularFile(runOrModel) ? runOrModel : dir.model();
        if (!Files.exists(weights)) {
            throw new NoSuchFileException(weights.toString(), null, "no final weights: the run has not finished "
                    + "(continue it with ebl4j train --resume " + folder + ")");
        }
        int[] size = peekSize(weights);
        int classes = config.model().type().equals("mlp-classifier") ? classes(weights) : 0;
        RunModel model = RunModel.create(config, size[0] * size[1], classes);
        model.load(weights);
        return new TrainedRun(dir, config, model, size[0], size[1]);
    }

    private static int[] peekSize(Path weights) throws IOException {
        var meta = org.ebl4j.io.SafeTensors.load(weights).metadata();
        try {
            return new int[] {Integer.parseInt(meta.get("height")), Integer.parseInt(meta.get("width"))};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(weights + ": no 'height' and 'width' metadata (not written by ebl4j "
                    + "train)", e);
        }
    }

    /** The classes of a classifier's weights: the rows of its last layer's bias. */
    private static int classes(Path weights) throws IOException {
        var tensors = org.ebl4j.io.SafeTensors.load(weights).tensors();
        String lastBias = tensors.keySet().stream().filter(k -> k.endsWith(".bias")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalArgumentException(weights + ": no bias tensors"));
        return tensors.get(lastBias).shape(0);
    }
}
