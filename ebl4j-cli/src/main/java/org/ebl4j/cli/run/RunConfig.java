package org.ebl4j.cli.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The configuration of one training run, read from a YAML or JSON file (JSON when the name ends in ".json"):
 *
 * <pre>
 * name: mnist-rbm                  # names the run folder (default: the file name)
 * model:
 *   type: rbm                      # rbm | autoencoder | denoising-autoencoder | mlp-classifier
 *   hidden: 256                    # hidden units, or a list of layer widths (auto-encoder: encoder layers, the
 *                                  #   last is the code; the decoder mirrors them)
 *   activation: sigmoid            # sigmoid | tanh | relu (not rbm)
 *   corruption: masking            # masking | gaussian (denoising-autoencoder)
 *   noise: 0.25                    # masking probability or Gaussian sigma (denoising-autoencoder)
 * data:
 *   source: mnist                  # mnist (a folder with images-idx3-ubyte.gz, labels-idx1-ubyte.gz) | digits
 *                                  #   (the bundled 8x8 digits, or a folder with digits.csv.gz) | idx
 *   path: ../shared/data/mnist-10k # mnist, digits: the folder
 *   images: FILE                   # idx: an IDX file of images [N, rows, cols]
 *   labels: FILE                   # idx: an IDX file of labels (optional)
 *   limit: 10000                   # use only the first N examples
 *   test_fraction: 0.2             # the last fraction of the examples is the test set
 *   binarize: none                 # none | threshold (pixel &gt; 0.5) | stochastic (on with probability = pixel)
 * training:
 *   epochs: 10
 *   batch_size: 100
 *   seed: 1                        # initial weights, binarisation, mini-batch order, Gibbs chains, corruption
 *   optimizer: sgd                 # sgd | adam (not rbm: contrastive divergence uses SGD with momentum)
 *   learning_rate: 0.1
 *   momentum: 0.5                  # rbm, sgd
 *   weight_decay: 0.0              # L2, on the weights
 *   schedule: constant             # constant | linear (falls linearly to 0 over the run's updates)
 *   cd_k: 1                        # rbm: Gibbs sweeps per update
 *   persistent: false              # rbm: persistent contrastive divergence
 *   checkpoint_every: 50           # a checkpoint every N ...
 *   checkpoint_unit: batches       # batches (rbm) | epochs
 * output:
 *   dir: runs                      # runs go to DIR/NAME-yyyyMMdd-HHmmss unless --out names the folder
 * </pre>
 *
 * Unknown keys, keys that do not apply to the model type, values of the wrong kind and values out of range are
 * {@link ConfigException}s naming the key path and, for unknown keys, the valid ones. Relative paths are taken
 * from the working directory and stored absolute in the run's resolved copy ({@link #toMap}).
 */
public record RunConfig(String name, Model model, Data data, Training training, Path outputDir) {
    public static final List<String> TYPES = List.of("rbm", "autoencoder", "denoising-autoencoder",
            "mlp-classifier");
    public static final List<String> SOURCES = List.of("mnist", "digits", "idx");
    public static final List<String> ACTIVATIONS = List.of("sigmoid", "tanh", "relu");
    public static final List<String> CORRUPTIONS = List.of("masking", "gaussian");
    public static final List<String> BINARIZATIONS = List.of("none", "threshold", "stochastic");
    public static final List<String> OPTIMIZERS = List.of("sgd", "adam");
    public static final List<String> SCHEDULES = List.of("constant", "linear");
    public static final List<String> CHECKPOINT_UNITS = List.of("batches", "epochs");

    /** The model: its type and layer widths; activation, corruption and noise where the type has them. */
    public record Model(String type, List<Integer> hidden, String activation, String corruption, double noise) {
        public boolean isRbm() {
            return type.equals("rbm");
        }
    }

    /** Where the examples come from and how they are split and binarised. */
    public record Data(String source, Path path, Path images, Path labels, int limit, double testFraction,
                       String binarize) {
    }

    /** The learning procedure and its checkpoints. */
    public record Training(int epochs, int batchSize, long seed, String optimizer, double learningRate,
                           double momentum, double weightDecay, String schedule, int cdK, boolean persistent,
                           int checkpointEvery, String checkpointUnit) {
    }

    /**
     * Reads {@code file}, applies {@code overrides} ("key.path=value", the value read as YAML, e.g.
     * "training.epochs=3" or "model.hidden=[64, 16]") and checks the result.
     *
     * @throws ConfigException for a syntax error or a schema violation
     * @throws IOException     when the file cannot be read
     */
    public static RunConfig read(Path file, List<String> overrides) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": configuration file does not exist");
        }
        boolean json = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json");
        String name = file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
        return parse(text, json, file.toString(), name, overrides);
    }

    /** Parses configuration text; {@code source} names it in errors, {@code defaultName} is the default run name. */
    public static RunConfig parse(String text, boolean json, String source, String defaultName,
                                  List<String> overrides) {
        JsonNode root;
        try {
            root = mapper(json).readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + (json ? "JSON" : "YAML") + " syntax error: "
                    + e.getOriginalMessage().strip().replaceAll("\\s*\\R\\s*", " ") + (e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
        if (root == null || root.isMissingNode()) {
            throw new ConfigException(source + ": the configuration is empty");
        }
        if (root.isObject()) {
            for (String o : overrides) {
                override((ObjectNode) root, o, source);
            }
        }
        return of(new ConfigNode(root, "", source), defaultName);
    }

    private static ObjectMapper mapper(boolean json) {
        ObjectMapper m = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return m;
    }

    /** Sets "a.b.c=value" in the tree, creating mappings on the way. */
    private static void override(ObjectNode root, String assignment, String source) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("--set '" + assignment + "': expected KEY.PATH=VALUE, e.g. training.epochs=3");
        }
        String[] keys = assignment.substring(0, eq).split("\\.");
        JsonNode value;
        try {
            value = mapper(false).readTree(assignment.substring(eq + 1));
        } catch (JsonProcessingException e) {
            throw new ConfigException("--set '" + assignment + "': " + e.getOriginalMessage());
        }
        ObjectNode at = root;
        for (int i = 0; i < keys.length - 1; i++) {
            JsonNode next = at.get(keys[i]);
            if (next == null || !next.isObject()) {
                next = at.putObject(keys[i]);
            }
            at = (ObjectNode) next;
        }
        at.set(keys[keys.length - 1], value == null || value.isMissingNode() ? null : value);
    }

    private static RunConfig of(ConfigNode root, String defaultName) {
        root.allowOnly(List.of("name", "model", "data", "training", "output"), "");
        if (!root.has("model")) {
            throw root.error("model", "missing; the model type is required (one of " + String.join(", ", TYPES)
                    + ")");
        }
        String name = root.text("name");
        if (name != null && !name.matches("[A-Za-z0-9._-]+")) {
            throw root.error("name", "must be letters, digits, '.', '_' or '-' (it names the run folder), got '"
                    + name + "'");
        }
        Model model = model(root.section("model"));
        Data data = data(root.section("data"));
        Training training = training(root.section("training"), model);
        ConfigNode output = root.section("output");
        output.allowOnly(List.of("dir"), "");
        String dir = output.text("dir");
        return new RunConfig(name == null ? defaultName : name, model, data, training,
                Path.of(dir == null ? "runs" : dir).toAbsolutePath().normalize());
    }

    private static Model model(ConfigNode m) {
        if (!m.has("type")) {
            throw m.error("type", "missing; one of " + String.join(", ", TYPES));
        }
        String type = m.choice("type", null, TYPES);
        List<String> keys = new ArrayList<>(List.of("type", "hidden"));
        if (!type.equals("rbm")) {
            keys.add("activation");
        }
        if (type.equals("denoising-autoencoder")) {
            keys.addAll(List.of("corruption", "noise"));
        }
        m.allowOnly(keys, " for model type '" + type + "'");
        List<Integer> hidden = m.integers("hidden", switch (type) {
            case "rbm", "mlp-classifier" -> List.of(128);
            default -> List.of(128, 32);
        }, 1);
        if (type.equals("rbm") && hidden.size() != 1) {
            throw m.error("hidden", "an RBM has one hidden layer: give one integer, got " + hidden);
        }
        String activation = m.choice("activation", "sigmoid", ACTIVATIONS);
        String corruption = m.choice("corruption", "masking", CORRUPTIONS);
        double noise = m.number("noise", 0.25, 0, true, corruption.equals("masking") ? 1 : Double.MAX_VALUE);
        if (corruption.equals("masking") && noise >= 1) {
            throw m.error("noise", "the masking probability must be in (0, 1), got " + noise);
        }
        return new Model(type, hidden, activation, corruption, noise);
    }

    private static Data data(ConfigNode d) {
        String source = d.choice("source", "digits", SOURCES);
        List<String> keys = new ArrayList<>(List.of("source", "limit", "test_fraction", "binarize"));
        keys.addAll(source.equals("idx") ? List.of("images", "labels") : List.of("path"));
        d.allowOnly(keys, " for data source '" + source + "'");
        if (source.equals("mnist") && !d.has("path")) {
            throw d.error("path", "missing; the folder holding images-idx3-ubyte.gz and labels-idx1-ubyte.gz");
        }
        if (source.equals("idx") && !d.has("images")) {
            throw d.error("images", "missing; an IDX file of images [N, rows, cols]");
        }
        return new Data(source, path(d.text("path")), path(d.text("images")), path(d.text("labels")),
                d.integer("limit", Integer.MAX_VALUE, 2), d.number("test_fraction", 0.2, 0, true, 0.9),
                d.choice("binarize", "none", BINARIZATIONS));
    }

    private static Path path(String text) {
        return text == null ? null : Path.of(text).toAbsolutePath().normalize();
    }

    private static Training training(ConfigNode t, Model model) {
        boolean rbm = model.isRbm();
        List<String> keys = new ArrayList<>(List.of("epochs", "batch_size", "seed", "learning_rate", "weight_decay",
                "schedule", "checkpoint_every", "checkpoint_unit", "momentum"));
        keys.addAll(rbm ? List.of("cd_k", "persistent") : List.of("optimizer"));
        t.allowOnly(keys, " for model type '" + model.type() + "'");
        String optimizer = rbm ? "sgd" : t.choice("optimizer", model.type().equals("mlp-classifier") ? "sgd" : "adam",
                OPTIMIZERS);
        if (optimizer.equals("adam") && t.has("momentum")) {
            throw t.error("momentum", "applies to optimizer sgd only (this run uses adam)");
        }
        String unit = t.choice("checkpoint_unit", rbm ? "batches" : "epochs", CHECKPOINT_UNITS);
        if (!rbm && unit.equals("batches")) {
            throw t.error("checkpoint_unit", "model type '" + model.type() + "' is trained by the Trainer, whose "
                    + "runs here checkpoint at the end of epochs (with the data corruption's generator): use epochs");
        }
        return new Training(t.integer("epochs", 10, 1), t.integer("batch_size", 100, 1), t.longValue("seed", 1),
                optimizer, t.number("learning_rate", optimizer.equals("adam") ? 1e-3 : 0.1, 0, true, 1e6),
                t.number("momentum", optimizer.equals("adam") ? 0 : rbm ? 0.5 : 0.9, 0, false, 0.999999),
                t.number("weight_decay", 0, 0, false, 1e6), t.choice("schedule", "constant", SCHEDULES),
                t.integer("cd_k", 1, 1), t.bool("persistent", false),
                t.integer("checkpoint_every", rbm ? 50 : 1, 1), unit);
    }

    /** The resolved configuration, every default filled in and paths absolute: the run folder's config.json. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", model.type());
        m.put("hidden", model.hidden());
        if (!model.isRbm()) {
            m.put("activation", model.activation());
        }
        if (model.type().equals("denoising-autoencoder")) {
            m.put("corruption", model.corruption());
            m.put("noise", model.noise());
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("source", data.source());
        if (data.source().equals("idx")) {
            d.put("images", data.images().toString());
            if (data.labels() != null) {
                d.put("labels", data.labels().toString());
            }
        } else if (data.path() != null) {
            d.put("path", data.path().toString());
        }
        if (data.limit() != Integer.MAX_VALUE) {
            d.put("limit", data.limit());
        }
        d.put("test_fraction", data.testFraction());
        d.put("binarize", data.binarize());
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("epochs", training.epochs());
        t.put("batch_size", training.batchSize());
        t.put("seed", training.seed());
        if (!model.isRbm()) {
            t.put("optimizer", training.optimizer());
        }
        t.put("learning_rate", training.learningRate());
        if (training.optimizer().equals("sgd")) {
            t.put("momentum", training.momentum());
        }
        t.put("weight_decay", training.weightDecay());
        t.put("schedule", training.schedule());
        if (model.isRbm()) {
            t.put("cd_k", training.cdK());
            t.put("persistent", training.persistent());
        }
        t.put("checkpoint_every", training.checkpointEvery());
        t.put("checkpoint_unit", training.checkpointUnit());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("model", m);
        out.put("data", d);
        out.put("training", t);
        out.put("output", Map.of("dir", outputDir.toString()));
        return out;
    }
}
