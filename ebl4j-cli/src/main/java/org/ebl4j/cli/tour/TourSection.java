package org.ebl4j.cli.tour;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One section of {@code ebl4j tour}: a figure of the lectures (see {@link #lecture()}), reproduced by one
 * {@code ebl4j} command line. A new section is one class implementing this interface, added to
 * {@link TourCommand#SECTIONS}.
 *
 * <p>The default {@link #run} executes {@link #command} in this JVM ({@link ExampleRun}) and takes as pictures every
 * {@code .png} path among the figures the command reports (its {@code --json} object).
 */
public interface TourSection {
    /** A PNG of the section and what it shows. */
    record Picture(Path file, String caption) {
    }

    /** What one run of a section produced: the command's figures, its pictures and the numbers to show. */
    record Result(Map<String, Object> figures, List<Picture> pictures, Table table) {
    }

    /** Short name: the section's folder under the tour's output folder and its HTML anchor. */
    String id();

    /** Heading of the section. */
    String title();

    /** Which lecture, slide (by its title) and figure the section reproduces, with where the reference text has it. */
    String lecture();

    /** What to look at in the pictures and numbers. */
    String summary();

    /**
     * The arguments of {@code ebl4j} (the launcher's name left out) that compute this section into {@code dir}:
     * the settings of the lecture's figure, or with {@code quick} a smaller run that still shows it.
     */
    List<String> command(Path dir, boolean quick);

    /** The numbers to show, taken from the figures the command reported. */
    Table table(Map<String, Object> figures);

    /** The command line "example NAME", then {@code quickOptions} when quick, then {@code tail}. */
    static List<String> example(String name, boolean quick, List<String> quickOptions, String... tail) {
        List<String> args = new ArrayList<>(List.of("example", name));
        if (quick) {
            args.addAll(quickOptions);
        }
        args.addAll(List.of(tail));
        return args;
    }

    /** Runs {@link #command} in this JVM, logging its progress to {@code log}. */
    default Result run(Path dir, boolean quick, PrintWriter log) throws Exception {
        Map<String, Object> figures = ExampleRun.figures(command(dir, quick), log);
        return new Result(figures, pictures(figures, dir), table(figures));
    }

    /**
     * The pictures: every string value naming a ".png" file among the figures, in their order, captioned by the keys
     * that lead to it (less "figure" and "figures").
     */
    default List<Picture> pictures(Map<String, Object> figures, Path dir) throws IOException {
        List<Picture> out = new ArrayList<>();
        collectPngs(figures, "", out);
        return out;
    }

    private static void collectPngs(Map<?, ?> map, String keys, List<Picture> out) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            String path = key.equals("figure") || key.equals("figures") ? keys
                    : keys.isEmpty() ? key : keys + " " + key;
            if (e.getValue() instanceof Map<?, ?> inner) {
                collectPngs(inner, path, out);
            } else if (e.getValue() instanceof String s && s.endsWith(".png") && Files.isRegularFile(Path.of(s))) {
                out.add(new Picture(Path.of(s), path));
            }
        }
    }
}
