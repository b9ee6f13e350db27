package org.ebl4j.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.ebl4j.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunConfigTest {
    private static final String RBM = """
            model:
              type: rbm
              hidden: 16
            data:
              source: digits
            training:
              epochs: 2
            """;

    @TempDir
    Path dir;

    private static RunConfig yaml(String text, String... overrides) {
        return RunConfig.parse(text, false, "c.yaml", "c", List.of(overrides));
    }

    private static String error(String text, String... overrides) {
        return assertThrows(ConfigException.class, () -> yaml(text, overrides)).getMessage();
    }

    @Test
    void defaultsAreFilledIn() {
        RunConfig c = yaml(RBM);
        assertEquals("c", c.name());
        assertEquals(List.of(16), c.model().hidden());
        assertEquals(2, c.training().epochs());
        assertEquals(100, c.training().batchSize());
        assertEquals(0.1, c.training().learningRate());
        assertEquals(0.5, c.training().momentum());
        assertEquals("batches", c.training().checkpointUnit());
        assertEquals(50, c.training().checkpointEvery());
        assertEquals(0.2, c.data().testFraction());
        assertEquals(Path.of("runs").toAbsolutePath(), c.outputDir());
        RunConfig ae = yaml("model: {type: autoencoder}");
        assertEquals("adam", ae.training().optimizer());
        assertEquals(1e-3, ae.training().learningRate());
        assertEquals("epochs", ae.training().checkpointUnit());
        assertEquals(List.of(128, 32), ae.model().hidden());
    }

    @Test
    void unknownKeysAreNamedWithTheValidOnes() {
        assertEquals("c.yaml: training.epoch: unknown key for model type 'rbm'; valid keys of training: epochs, "
                + "batch_size, seed, learning_rate, weight_decay, schedule, checkpoint_every, checkpoint_unit, "
                + "momentum, cd_k, persistent", error(RBM + "  epoch: 3\n"));
        assertTrue(error(RBM + "extra: 1\n").startsWith("c.yaml: extra: unknown key; valid keys of the top level: "
                + "name, model, data, training, output"));
        // a key of another model type
        assertTrue(error("model: {type: autoencoder}\ntraining: {cd_k: 2}\n").startsWith(
                "c.yaml: training.cd_k: unknown key for model type 'autoencoder'"));
        assertTrue(error("model: {type: rbm, activation: relu}\n").startsWith(
                "c.yaml: model.activation: unknown key for model type 'rbm'; valid keys of model: type, hidden"));
        assertTrue(error("model: {type: rbm}\ndata: {source: digits, images: x}\n").startsWith(
                "c.yaml: data.images: unknown key for data source 'digits'"));
    }

    @Test
    void badValuesAreNamed() {
        assertEquals("c.yaml: training.epochs: must be an integer >= 1, got 0", error(RBM, "training.epochs=0"));
        assertEquals("c.yaml: training.batch_size: must be an integer >= 1, got \"ten\"",
                error(RBM, "training.batch_size=ten"));
        assertEquals("c.yaml: training.learning_rate: must be a number in (0.0, 1000000.0], got -1",
                error(RBM, "training.learning_rate=-1"));
        assertEquals("c.yaml: model.type: must be one of rbm, autoencoder, denoising-autoencoder, mlp-classifier, "
                + "got \"boltzmann\"", error("model: {type: boltzmann}"));
        assertEquals("c.yaml: model.hidden: an RBM has one hidden layer: give one integer, got [8, 4]",
                error(RBM, "model.hidden=[8, 4]"));
        assertEquals("c.yaml: data.binarize: must be one of none, threshold, stochastic, got \"maybe\"",
                error(RBM, "data.binarize=maybe"));
        assertEquals("c.yaml: model: missing; the model type is required (one of rbm, autoencoder, "
                + "denoising-autoencoder, mlp-classifier)", error("data: {source: digits}"));
        assertEquals("c.yaml: data.path: missing; the folder holding images-idx3-ubyte.gz and labels-idx1-ubyte.gz",
                error(RBM, "data.source=mnist"));
        assertEquals("c.yaml: training.checkpoint_unit: model type 'autoencoder' is trained by the Trainer, whose "
                + "runs here checkpoint at the end of epochs (with the data corruption's generator): use epochs",
                error("model: {type: autoencoder}\ntraining: {checkpoint_unit: batches}"));
        assertEquals("c.yaml: training.momentum: applies to optimizer sgd only (this run uses adam)",
                error("model: {type: autoencoder}\ntraining: {momentum: 0.9}"));
        assertEquals("c.yaml: training must be a mapping of keys to values, got a list",
                error("model: {type: rbm}\ntraining: [1, 2]"));
    }

    @Test
    void syntaxErrorsAndDuplicatesGiveTheLine() {
        String m = error("model:\n  type: rbm\n  type: rbm\n");
        assertTrue(m.startsWith("c.yaml: YAML syntax error: Duplicate field 'type'") && m.contains("line 3"), m);
        m = assertThrows(ConfigException.class, () -> RunConfig.parse("{\"model\": {\"type\": \"rbm\",}}", true,
                "c.json", "c", List.of())).getMessage();
        assertTrue(m.startsWith("c.json: JSON syntax error: ") && m.contains("line 1"), m);
    }

    @Test
    void overridesSetNestedKeys() {
        RunConfig c = yaml(RBM, "training.epochs=7", "model.hidden=32", "output.dir=/tmp/x", "name=run-1");
        assertEquals(7, c.training().epochs());
        assertEquals(List.of(32), c.model().hidden());
        assertEquals(Path.of("/tmp/x"), c.outputDir());
        assertEquals("run-1", c.name());
        assertEquals("--set 'epochs': expected KEY.PATH=VALUE, e.g. training.epochs=3", error(RBM, "epochs"));
    }

    @Test
    void theResolvedCopyReadsBackAsTheSameConfiguration() throws IOException {
        for (String text : new String[] {RBM, "model: {type: denoising-autoencoder, hidden: [8, 4], noise: 0.3}\n"
                + "training: {schedule: linear}", "model: {type: mlp-classifier, activation: relu}\n"
                + "training: {optimizer: sgd, momentum: 0.8}"}) {
            RunConfig c = yaml(text);
            Path file = dir.resolve("config.json");
            Files.writeString(file, Json.write(c.toMap()));
            assertEquals(c, RunConfig.read(file, List.of()));
        }
    }

    @Test
    void theShippedConfigurationsAreValid() throws IOException {
        Path configs = Path.of("../configs");
        for (String name : new String[] {"mnist-rbm.yaml", "digits-rbm.yaml", "digits-autoencoder.yaml",
            "digits-mlp.json"}) {
            RunConfig c = RunConfig.read(configs.resolve(name), List.of());
            assertEquals(name.replaceFirst("\\..*", ""), c.name());
        }
    }
}
