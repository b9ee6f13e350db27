package org.ebl4j.cli.run;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.ebl4j.energy.train.EpochMetrics;
import org.ebl4j.io.AtomicFile;
import org.ebl4j.io.Json;

/**
 * The folder of one training run:
 * <pre>
 *   config.json                       the resolved configuration (what --resume reads)
 *   metrics.jsonl, metrics.csv        one line per completed epoch
 *   checkpoints/last.safetensors      the latest checkpoint, replaced atomically
 *   checkpoints/epoch-NNNN.safetensors the checkpoint at the end of epoch N
 *   model.safetensors                 the final weights (the model's state dict, plain safetensors)
 *   figures/filters.png               the first layer's filters
 *   figures/learning-curves.png       every per-epoch metric but the learning rate, over the epochs
 *   summary.json                      the final training and test metrics
 * </pre>
 * Every file is written atomically (a crash leaves the previous version or the new one).
 */
public record RunDirectory(Path root) {
    public static final String CONFIG = "config.json";

    /** A new run folder: {@code dir} must not exist or be empty. */
    public static RunDirectory create(Path dir) throws IOException {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException(dir + ": run folder is a file");
            }
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException(dir + ": run folder is not empty (continue it with --resume "
                            + dir + ", or choose another --out)");
                }
            }
        }
        Files.createDirectories(dir.resolve("checkpoints"));
        Files.createDirectories(dir.resolve("figures"));
        return new RunDirectory(dir);
    }

    /** An existing run folder, one holding {@value #CONFIG}. */
    public static RunDirectory open(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve(CONFIG))) {
            throw new NoSuchFileException(dir.resolve(CONFIG).toString(), null, Files.isDirectory(dir)
                    ? "not a run folder (no " + CONFIG + ")" : "run folder does not exist");
        }
        Files.createDirectories(dir.resolve("checkpoints"));
        Files.createDirectories(dir.resolve("figures"));
        return new RunDirectory(dir);
    }

    public Path config() {
        return root.resolve(CONFIG);
    }

    public Path lastCheckpoint() {
        return root.resolve("checkpoints").resolve("last.safetensors");
    }

    /** Where a model's own checkpointing writes before the run adds its part and promotes it to last. */
    public Path stagingCheckpoint() {
        return root.resolve("checkpoints").resolve("staging.safetensors");
    }

    public Path epochCheckpoint(int epoch) {
        return root.resolve("checkpoints").resolve(String.format(Locale.ROOT, "epoch-%04d.safetensors", epoch));
    }

    public Path model() {
        return root.resolve("model.safetensors");
    }

    public Path figure(String name) {
        return root.resolve("figures").resolve(name);
    }

    public Path summary() {
        return root.resolve("summary.json");
    }

    /** Copies the last checkpoint to the one of {@code epoch}, atomically. */
    public void keepEpochCheckpoint(int epoch) throws IOException {
        Path target = epochCheckpoint(epoch);
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.copy(lastCheckpoint(), tmp, REPLACE_EXISTING);
        Files.move(tmp, target, ATOMIC_MOVE, REPLACE_EXISTING);
    }

    /** Writes {@code value} as one line of JSON. */
    public void writeJson(Path file, Object value) throws IOException {
        write(file, Json.write(value) + "\n");
    }

    /** Rewrites metrics.jsonl and metrics.csv with {@code epochs}. */
    public void writeMetrics(List<EpochMetrics> epochs) throws IOException {
        StringBuilder jsonl = new StringBuilder();
        StringBuilder csv = new StringBuilder();
        if (!epochs.isEmpty()) {
            List<String> header = new ArrayList<>(List.of("epoch"));
            header.addAll(epochs.get(0).values().keySet());
            header.add("seconds");
            csv.append(String.join(",", header)).append('\n');
        }
        for (EpochMetrics m : epochs) {
            jsonl.append(Json.write(m.toMap())).append('\n');
            List<String> row = new ArrayList<>(List.of(Integer.toString(m.epoch())));
            m.values().values().forEach(v -> row.add(Double.toString(v)));
            row.add(String.format(Locale.ROOT, "%.3f", m.seconds()));
            csv.append(String.join(",", row)).append('\n');
        }
        write(root.resolve("metrics.jsonl"), jsonl.toString());
        write(root.resolve("metrics.csv"), csv.toString());
    }

    /** Replaces {@code file} with {@code text} (UTF-8), atomically. */
    private static void write(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(file, channel -> {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                channel.write(b);
            }
        });
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
