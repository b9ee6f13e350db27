package org.ebl4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.ebl4j.nn.Module;
import org.ebl4j.optim.OptimizerState;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * Everything needed to resume training, in ONE safetensors file replaced atomically:
 * <pre>
 *   tensors   "model.&lt;name&gt;"       model parameters and buffers ({@link Module#stateDict()})
 *             "optimizer.&lt;key&gt;"    {@link OptimizerState#tensors()}
 *             "extra.&lt;key&gt;"        user tensors (e.g. a trainer's best weights so far)
 *   metadata  "ebl4j.checkpoint"     format version, "1"
 *             "rng.seed", "rng.counter"  the {@link Rng} state, decimal
 *             "optimizer.&lt;key&gt;"    {@link OptimizerState#values()}
 *             any other key          user metadata (epoch, step...), verbatim
 * </pre>
 * Being plain safetensors, the model part loads in Python with {@code safetensors.torch.load_file} after stripping
 * the "model." prefix.
 *
 * @param model model tensors by state-dict name (without the prefix)
 * @param optimizer the optimiser's state
 * @param rng the random generator; saving records its current seed and counter
 * @param extra user metadata; keys must not start with a reserved prefix ("ebl4j.", "rng.", "optimizer.")
 * @param extraTensors user tensors, saved under "extra.&lt;key&gt;"
 */
public record Checkpoint(Map<String, Tensor> model, OptimizerState optimizer, Rng rng, Map<String, String> extra,
                         Map<String, Tensor> extraTensors) {
    private static final String MODEL = "model.";
    private static final String OPTIMIZER = "optimizer.";
    private static final String EXTRA = "extra.";
    private static final String RNG_SEED = "rng.seed";
    private static final String RNG_COUNTER = "rng.counter";
    private static final String VERSION_KEY = "ebl4j.checkpoint";
    private static final String VERSION = "1";
    private static final List<String> RESERVED = List.of("ebl4j.", "rng.", OPTIMIZER);

    public Checkpoint {
        Objects.requireNonNull(model, "Checkpoint: model tensors are null");
        Objects.requireNonNull(optimizer, "Checkpoint: optimizer state is null (use empty maps for none)");
        Objects.requireNonNull(rng, "Checkpoint: rng is null");
        Objects.requireNonNull(extra, "Checkpoint: extra metadata is null (use Map.of() for none)");
        Objects.requireNonNull(extraTensors, "Checkpoint: extra tensors are null (use Map.of() for none)");
        for (String key : extra.keySet()) {
            if (RESERVED.stream().anyMatch(key::startsWith)) {
                throw new IllegalArgumentException("Checkpoint: metadata key '" + key + "' uses a reserved prefix "
                        + RESERVED);
            }
        }
        model = Collections.unmodifiableMap(new LinkedHashMap<>(model));
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
        extraTensors = Collections.unmodifiableMap(new LinkedHashMap<>(extraTensors));
    }

    /** A checkpoint without extra tensors. */
    public Checkpoint(Map<String, Tensor> model, OptimizerState optimizer, Rng rng, Map<String, String> extra) {
        this(model, optimizer, rng, extra, Map.of());
    }

    /** Saves {@code model}'s state dict, the optimiser state, the RNG state and {@code extra} to {@code file}. */
    public static void save(Path file, Module model, OptimizerState optimizer, Rng rng, Map<String, String> extra)
            throws IOException {
        new Checkpoint(model.stateDict(), optimizer, rng, extra).save(file);
    }

    /** Writes this checkpoint to {@code file}, atomically (the previous file survives any failure). */
    public void save(Path file) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.forEach((k, t) -> tensors.put(MODEL + k, t));
        optimizer.tensors().forEach((k, t) -> tensors.put(OPTIMIZER + k, t));
        extraTensors.forEach((k, t) -> tensors.put(EXTRA + k, t));
        Map<String, String> metadata = new LinkedHashMap<>(extra);
        metadata.put(VERSION_KEY, VERSION);
        metadata.put(RNG_SEED, Long.toString(rng.seed()));
        metadata.put(RNG_COUNTER, Long.toString(rng.counter()));
        optimizer.values().forEach((k, v) -> metadata.put(OPTIMIZER + k, v));
        SafeTensors.save(file, tensors, metadata);
    }

    /**
     * Reads a checkpoint written by {@link #save}; the returned {@link #rng()} continues exactly where the saved one
     * stopped.
     *
     * @throws SafeTensorsException naming the file when it is not a valid safetensors file or not a checkpoint
     */
    public static Checkpoint load(Path file) throws IOException {
        SafeTensors.Loaded loaded = SafeTensors.load(file);
        Map<String, Tensor> model = new LinkedHashMap<>();
        Map<String, Tensor> optimizerTensors = new LinkedHashMap<>();
        Map<String, Tensor> extraTensors = new LinkedHashMap<>();
        loaded.tensors().forEach((name, t) -> {
            if (name.startsWith(MODEL)) {
                model.put(name.substring(MODEL.length()), t);
            } else if (name.startsWith(OPTIMIZER)) {
                optimizerTensors.put(name.substring(OPTIMIZER.length()), t);
            } else if (name.startsWith(EXTRA)) {
                extraTensors.put(name.substring(EXTRA.length()), t);
            }
        });
        if (model.size() + optimizerTensors.size() + extraTensors.size() != loaded.tensors().size()) {
            throw new SafeTensorsException(file, "not an ebl4j checkpoint: tensor names must start with '" + MODEL
                    + "', '" + OPTIMIZER + "' or '" + EXTRA + "', got " + loaded.tensors().keySet());
        }
        Map<String, String> meta = loaded.metadata();
        if (!VERSION.equals(meta.get(VERSION_KEY))) {
            throw new SafeTensorsException(file, meta.containsKey(VERSION_KEY)
                    ? "unsupported checkpoint version '" + meta.get(VERSION_KEY) + "' (this reader knows " + VERSION
                            + ")"
                    : "not an ebl4j checkpoint: no '" + VERSION_KEY + "' metadata");
        }
        Rng rng = new Rng(longValue(file, meta, RNG_SEED), longValue(file, meta, RNG_COUNTER));
        Map<String, String> optimizerValues = new LinkedHashMap<>();
        Map<String, String> extra = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : meta.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(OPTIMIZER)) {
                optimizerValues.put(key.substring(OPTIMIZER.length()), e.getValue());
            } else if (RESERVED.stream().noneMatch(key::startsWith)) {
                extra.put(key, e.getValue());
            } else if (!key.equals(VERSION_KEY) && !key.equals(RNG_SEED) && !key.equals(RNG_COUNTER)) {
                throw new SafeTensorsException(file, "unknown reserved metadata key '" + key + "'");
            }
        }
        OptimizerState optimizer = new OptimizerState(Collections.unmodifiableMap(optimizerTensors),
                Collections.unmodifiableMap(optimizerValues));
        return new Checkpoint(model, optimizer, rng, extra, extraTensors);
    }

    /**
     * Loads {@code file} and copies its model tensors into {@code model} ({@link Module#loadStateDict}); returns the
     * checkpoint for the optimiser state, RNG and metadata. The model is left unchanged when the checkpoint does not
     * fit it (missing, unexpected or differently shaped tensors).
     */
    public static Checkpoint restore(Path file, Module model) throws IOException {
        Checkpoint checkpoint = load(file);
        Map<String, Tensor> mine = model.stateDict();
        checkpoint.model().forEach((name, saved) -> {
            Tensor target = mine.get(name);
            if (target != null && !Arrays.equals(target.shape(), saved.shape())) {
                throw new IllegalArgumentException(file + ": tensor '" + name + "' has shape "
                        + Shape.str(saved.shape()) + " but " + model + " expects " + Shape.str(target.shape()));
            }
        });
        try {
            model.loadStateDict(checkpoint.model());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": checkpoint does not fit " + model + ": " + e.getMessage(), e);
        }
        return checkpoint;
    }

    private static long longValue(Path file, Map<String, String> meta, String key) throws SafeTensorsException {
        String value = meta.get(key);
        if (value == null) {
            throw new SafeTensorsException(file, "not an ebl4j checkpoint: no '" + key + "' metadata");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new SafeTensorsException(file, "metadata '" + key + "' must be a 64-bit integer, got '" + value + "'",
                    e);
        }
    }
}
