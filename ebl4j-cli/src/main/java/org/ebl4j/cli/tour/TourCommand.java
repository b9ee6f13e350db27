package org.ebl4j.cli.tour;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.ebl4j.cli.FiguresCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ebl4j tour}: runs every {@link TourSection} of {@link #SECTIONS}, each into its own folder under
 * {@code --out}, and writes {@code index.html} there ({@link HtmlReport}).
 */
@Command(name = "tour",
        description = {"Reproduce the lectures' figures in one web page: runs each section's example (shipped data "
            + "only) into a folder of --out and writes --out/index.html with, per section, the pictures, the numbers, "
            + "the lecture slide it reproduces and the command that re-runs just that section.",
            "The sections run in the page's order, from the spiral energy surfaces of the unsupervised lecture on; "
                + "--quick runs each in a smaller form that still shows its figure."},
        footerHeading = "%nExamples:%n",
        footer = {"  ebl4j tour", "  ebl4j tour --quick --out /tmp/tour --json"})
public final class TourCommand extends FiguresCommand {
    /** The tour's sections, in the page's order; a new section is one class added here. */
    static final List<TourSection> SECTIONS = List.of(new SpiralSection(), new CollapseSection(),
            new XSquaredSection(), new LossTableSection(), new SamplingSection(), new ImageAtomsSection(),
            new PsdSection(), new SpokenWordsSection());

    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=,+-]+");

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/tour",
            description = "Folder for index.html and one sub-folder per section (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--quick", description = "Smaller runs (fewer epochs, chains), every section still shown.")
    boolean quick;

    @Override
    protected Map<String, Object> run(PrintWriter out) throws Exception {
        long start = System.nanoTime();
        List<HtmlReport.Entry> entries = new ArrayList<>();
        Map<String, Object> sections = new LinkedHashMap<>();
        for (int i = 0; i < SECTIONS.size(); i++) {
            TourSection s = SECTIONS.get(i);
            Path dir = outDir.resolve(s.id());
            String command = shell(s.command(dir, quick));
            out.printf(Locale.ROOT, "[%d/%d] %s: %s%n", i + 1, SECTIONS.size(), s.id(), command);
            out.flush();
            long t0 = System.nanoTime();
            TourSection.Result r = s.run(dir, quick, out);
            double seconds = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "[%d/%d] %s: %.1f s, %d picture(s)%n", i + 1, SECTIONS.size(), s.id(), seconds,
                    r.pictures().size());
            out.flush();
            entries.add(new HtmlReport.Entry(s, r, command, seconds));
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("seconds", seconds);
            section.put("command", command);
            section.put("pictures", r.pictures().stream().map(p -> p.file().toString()).toList());
            section.put("figures", r.figures());
            sections.put(s.id(), section);
        }
        Path index = outDir.resolve("index.html");
        List<String> tour = new ArrayList<>(List.of("tour"));
        if (quick) {
            tour.add("--quick");
        }
        tour.addAll(List.of("--out", outDir.toString()));
        HtmlReport.write(index, shell(tour), quick, entries);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "tour: %d sections in %.1f s; open %s%n", SECTIONS.size(), seconds, index);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("tour", index.toString());
        figures.put("quick", quick);
        figures.put("seconds", seconds);
        figures.put("sections", sections);
        return figures;
    }

    /** The command line as typed in a POSIX shell: {@code ./ebl4j} then the arguments, quoted where needed. */
    static String shell(List<String> args) {
        StringBuilder sb = new StringBuilder("./ebl4j");
        for (String a : args) {
            sb.append(' ').append(PLAIN_WORD.matcher(a).matches() ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }
}
