package org.ebl4j.cli.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.ebl4j.cli.FiguresCommand;
import org.ebl4j.data.Digits;
import org.ebl4j.data.Mnist;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ebl4j data list}: the data sets in a folder, and the bundled digits. */
@Command(name = "list",
        description = "List the data sets ebl4j can read in DIR (its sub-folders holding MNIST-style files or "
            + "digits.csv.gz, and IDX image files), and the bundled 8x8 digits.",
        footerHeading = "%nExamples:%n",
        footer = {"  ebl4j data list", "  ebl4j data list ../shared/data --json"})
public final class DataListCommand extends FiguresCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "Where to look (default: the working directory).")
    Path dir;

    @Override
    protected Map<String, Object> run(PrintWriter out) throws Exception {
        List<Map<String, Object>> found = new ArrayList<>();
        found.add(entry("digits", "digits", "(bundled)"));
        if (!Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(dir.toString(), null, "not a folder");
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String kind = kind(p);
                if (kind != null) {
                    found.add(entry(p.getFileName().toString(), kind, p.toString()));
                }
            }
        }
        out.printf(Locale.ROOT, "%-32s %-8s %s%n", "NAME", "SOURCE", "PATH");
        found.forEach(f -> out.printf(Locale.ROOT, "%-32s %-8s %s%n", f.get("name"), f.get("source"), f.get("path")));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("datasets", found);
        return figures;
    }

    /** "mnist", "digits", "idx" or null for what {@code p} is. */
    private static String kind(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            if (Files.exists(p.resolve(Mnist.IMAGES)) || Files.exists(p.resolve("images-idx3-ubyte"))) {
                return "mnist";
            }
            return Files.exists(p.resolve(Digits.FILE)) || Files.exists(p.resolve("digits.csv")) ? "digits" : null;
        }
        return p.getFileName().toString().matches(".*idx3-ubyte(\\.gz)?") ? "idx" : null;
    }

    private static Map<String, Object> entry(String name, String source, String path) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("source", source);
        m.put("path", path);
        return m;
    }
}
