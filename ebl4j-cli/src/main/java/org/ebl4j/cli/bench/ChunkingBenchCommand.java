package org.ebl4j.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ebl4j.bench.ChunkingBench;
import org.ebl4j.cli.FiguresCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ebl4j bench chunking}: CRF, averaged perceptron and M3N on CoNLL-2000 chunking ({@link ChunkingBench}). */
@Command(name = "chunking",
        description = {"Train a linear-chain CRF (NLL, L-BFGS, L2; OWL-QN with --c1), the averaged structured "
            + "perceptron and M3N (Hamming-margin hinge) with CRF++'s template on the data directory's test.data (823 "
            + "sentences in the CoNLL-2000 sample), tag train.data, and print chunk F1 (conlleval convention), token "
            + "accuracy, training time and non-zero weights beside CRFsuite, Wapiti, CRF++ and MALLET measured on the "
            + "development machine."},
        footerHeading = "%nExamples:%n",
        footer = {"  ebl4j bench chunking --data ../shared/data/conll2000-chunking-sample",
            "  ebl4j bench chunking --data DIR --threads 1 --json",
            "  ebl4j bench chunking --data DIR --c1 1 --c2 0"})
public final class ChunkingBenchCommand extends FiguresCommand {
    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "Directory with test.data (training set), train.data (test set) and template.")
    Path data;

    @Option(names = "--threads", paramLabel = "T", description = "Threads for the CRF gradient (default: all cores).")
    Integer threads;

    @Option(names = "--c1", paramLabel = "C", description = "CRF L1 coefficient c1; > 0 trains by OWL-QN and "
            + "leaves weights exactly zero, as CRFsuite's -p c1=... (default: 0). Give --c2 0 for L1 alone.")
    Double c1;

    @Option(names = "--c2", paramLabel = "C", description = "CRF L2 coefficient c2 (default: 0.125, as CRFsuite's "
            + "reference run).")
    Double c2;

    @Option(names = "--crf-iterations", paramLabel = "N", description = "Most L-BFGS iterations (default: 1000).")
    Integer crfIterations;

    @Option(names = "--perceptron-epochs", paramLabel = "N", description = "Averaged perceptron epochs (default: 50).")
    Integer perceptronEpochs;

    @Option(names = "--m3n-epochs", paramLabel = "N", description = "M3N epochs (default: 30).")
    Integer m3nEpochs;

    @Option(names = "--m3n-lambda", paramLabel = "L", description = "M3N regularisation lambda (default: 1e-4).")
    Double m3nLambda;

    @Override
    protected Map<String, Object> run(PrintWriter out) throws Exception {
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        ChunkingBench.Config c;
        try {
            ChunkingBench.Config s = ChunkingBench.Config.standard(data, t);
            c = new ChunkingBench.Config(data, c1 != null ? c1 : s.c1(), c2 != null ? c2 : s.c2(),
                    crfIterations != null ? crfIterations : s.crfMaxIterations(),
                    perceptronEpochs != null ? perceptronEpochs : s.perceptronEpochs(),
                    m3nEpochs != null ? m3nEpochs : s.m3nEpochs(), m3nLambda != null ? m3nLambda : s.m3nLambda(), t);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        ChunkingBench.Result r = ChunkingBench.run(c, out);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("bench", "chunking");
        for (ChunkingBench.Score s : r.scores()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("f1", s.f1());
            m.put("train_seconds", s.trainSeconds());
            m.put("train_cpu_seconds", s.cpuSeconds());
            m.put("token_accuracy", s.accuracy());
            m.put("precision", s.precision());
            m.put("recall", s.recall());
            m.put("nonzero_weights", s.nonzeroWeights());
            m.put("training", s.training());
            figures.put(s.name(), m);
        }
        figures.put("train_sentences", r.trainSentences());
        figures.put("test_sentences", r.testSentences());
        figures.put("features", r.features());
        figures.put("labels", r.labels());
        figures.put("threads", t);
        return figures;
    }
}
