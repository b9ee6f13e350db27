package org.ebl4j.cli.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ebl4j.cli.FiguresCommand;
import org.ebl4j.cli.plot.LearningCurves;
import org.ebl4j.energy.train.EpochMetrics;
import org.ebl4j.energy.train.TrainingHistory;
import org.ebl4j.io.Json;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ebl4j train}: trains the model of a configuration file into a run folder, resumably. */
@Command(name = "train",
        description = {"Train the model a configuration file describes (YAML or JSON: model, data, training, output;"
            + " see configs/ and the RunConfig documentation) and write a run folder: config.json (the resolved "
            + "configuration), metrics.jsonl and metrics.csv (one line per epoch), checkpoints/last.safetensors "
            + "(replaced atomically, every checkpoint_every batches or epochs) and checkpoints/epoch-NNNN.safetensors,"
            + " model.safetensors, figures/filters.png, figures/learning-curves.png (every metric per epoch) and "
            + "summary.json (final training and test metrics).",
            "Progress (epoch, batch, ETA, the latest loss) goes to standard error. --resume DIR continues a run "
                + "that stopped (even by kill -9) from its last checkpoint and ends exactly as an uninterrupted run "
                + "with the same seed would.",
            "Exit codes: 0 done, 1 run-time failure (data, I/O, divergence), 2 usage or configuration error."},
        footerHeading = "%nExamples:%n",
        footer = {"  ebl4j train configs/digits-rbm.yaml",
            "  ebl4j train configs/mnist-rbm.yaml --data ../shared/data/mnist-10k --out runs/rbm1",
            "  ebl4j train configs/digits-autoencoder.yaml --set training.epochs=5 --set model.hidden=[32,8] --json",
            "  ebl4j train --resume runs/rbm1"})
public final class TrainCommand extends FiguresCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG",
            description = "The configuration file (.yaml, .yml or .json).")
    Path config;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run in DIR from its last checkpoint, with its config.json.")
    Path resume;

    @Option(names = "--out", paramLabel = "DIR",
            description = "The run folder (new or empty; default: output.dir/NAME-yyyyMMdd-HHmmss).")
    Path out;

    @Option(names = "--data", paramLabel = "PATH", description = "Sets data.path (the data folder).")
    Path data;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Overrides one setting, e.g. training.epochs=3 (the value is read as YAML); repeatable.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a bar on a terminal, else lines), bar, lines or off (default: ${DEFAULT-VALUE}).")
    String progress;

    @Spec
    CommandSpec command;

    @Override
    protected Map<String, Object> run(PrintWriter log) throws Exception {
        if ((config == null) == (resume == null)) {
            throw usageError("give a CONFIG file to start a run, or --resume DIR to continue one");
        }
        if (resume != null && (out != null || data != null || !sets.isEmpty())) {
            throw usageError("--resume continues a run with its own config.json: --out, --data and --set do not "
                    + "apply");
        }
        ProgressBar.Mode mode = switch (progress) {
            case "auto" -> ProgressBar.auto();
            case "bar" -> ProgressBar.Mode.BAR;
            case "lines" -> ProgressBar.Mode.LINES;
            case "off" -> ProgressBar.Mode.OFF;
            default -> throw usageError("--progress must be auto, bar, lines or off, got '" + progress + "'");
        };
        RunDirectory dir = resume == null ? null : RunDirectory.open(resume);
        RunConfig cfg;
        try {
            List<String> overrides = new ArrayList<>(sets);
            if (data != null) {
                overrides.add("data.path=" + Json.write(data.toString()));
            }
            cfg = dir != null ? RunConfig.read(dir.config(), List.of()) : RunConfig.read(config, overrides);
        } catch (ConfigException e) {
            throw usageError(e.getMessage());
        }
        if (dir == null) {
            try {
                dir = RunDirectory.create(out != null ? out : cfg.outputDir().resolve(cfg.name() + "-"
                        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
            } catch (IllegalArgumentException e) {
                throw usageError(e.getMessage());
            }
            dir.writeJson(dir.config(), cfg.toMap());
        }
        RunData rows = RunData.load(cfg.data(), cfg.training().seed());
        RunModel model = RunModel.create(cfg, rows.train().shape(1), rows.classes());
        log.printf(Locale.ROOT, "train: %s, %s %s, %s; run folder %s%n", cfg.name(), cfg.model().type(),
                cfg.model().hidden(), rows.description(), dir);
        log.flush();
        PrintWriter err = command.commandLine().getErr();
        ProgressBar bar = new ProgressBar(err, mode, cfg.training().epochs(), model.headline());
        List<EpochMetrics> epochs = new ArrayList<>();
        RunDirectory folder = dir;
        TrainingHistory history = model.train(rows, dir, resume != null, new RunListener() {
            @Override
            public void restored(List<EpochMetrics> done) {
                epochs.addAll(done);
                write(folder, epochs);
                log.printf(Locale.ROOT, "resuming from %s (%d epochs complete)%n", folder.lastCheckpoint(),
                        done.size());
                log.flush();
            }

            @Override
            public void batch(int epoch, int batch, int batches) {
                bar.batch(epoch, batch, batches);
            }

            @Override
            public void epoch(EpochMetrics m) {
                epochs.add(m);
                write(folder, epochs);
                bar.epoch(m);
            }
        });
        model.save(dir.model(), rows.height(), rows.width());
        Tiles.write(dir.figure("filters.png"), model.filters(), 100, rows.height(), rows.width(),
                Math.max(1, 56 / rows.height()), true, Map.of("title", cfg.name() + ": first-layer filters"));
        LearningCurves.of(cfg.name() + ": learning curves", epochs).write(dir.figure("learning-curves.png"), 640,
                400);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("run", dir.root().toAbsolutePath().toString());
        figures.put("name", cfg.name());
        figures.put("model", cfg.model().type());
        figures.put("epochs", history.epochs().size());
        EpochMetrics last = history.last();
        last.values().forEach(figures::put);
        Map<String, Double> test = model.evaluate(rows.test(), rows.testLabels(), cfg.training().seed());
        test.forEach((k, v) -> figures.put("test_" + k, v));
        dir.writeJson(dir.summary(), figures);
        log.printf(Locale.ROOT, "done: %d epochs; last epoch: %s; test: %s%n", history.epochs().size(),
                last.summary(), test);
        log.printf(Locale.ROOT, "wrote %s (model.safetensors, metrics.jsonl, figures/filters.png, "
                + "figures/learning-curves.png, summary.json)%n", dir);
        return figures;
    }

    private static void write(RunDirectory dir, List<EpochMetrics> epochs) {
        try {
            dir.writeMetrics(epochs);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
