package org.ebl4j.cli.bench;

import picocli.CommandLine.Command;

/** Group of benchmarks. */
@Command(name = "bench", description = "Measure speed against the machine's peak or a reference library.",
        subcommands = {GemmBenchCommand.class, MlpBenchCommand.class, ChunkingBenchCommand.class,
            UnsupervisedBenchCommand.class, CtcBenchCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  ebl4j bench gemm --json", "  ebl4j bench mlp --threads 1",
            "  ebl4j bench chunking --data ../shared/data/conll2000-chunking-sample --json",
            "  ebl4j bench unsupervised --vs sklearn --threads 2 --json", "  ebl4j bench ctc --json"})
public final class BenchCommand {
}
