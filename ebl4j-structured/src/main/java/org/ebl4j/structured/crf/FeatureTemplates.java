package org.ebl4j.structured.crf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A CRF++ template file: one {@link FeatureTemplate} per line; blank lines and lines starting with '#' are
 * skipped. Errors name the source and the line.
 */
public final class FeatureTemplates {
    private final List<FeatureTemplate> templates;

    private FeatureTemplates(List<FeatureTemplate> templates) {
        this.templates = Collections.unmodifiableList(templates);
    }

    /** Parses template text; {@code source} names it in errors (a file name, or "template"). */
    public static FeatureTemplates parse(String text, String source) {
        List<FeatureTemplate> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                out.add(FeatureTemplate.parse(line, source + ":" + (n + 1)));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(source + ": no template lines (expected lines starting with U or B)");
        }
        return new FeatureTemplates(out);
    }

    /** Reads and parses a template file. */
    public static FeatureTemplates read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    public List<FeatureTemplate> templates() {
        return templates;
    }

    /** The largest column any template reads (−1 if none reads a column). */
    public int maxColumn() {
        int m = -1;
        for (FeatureTemplate t : templates) {
            m = Math.max(m, t.maxColumn());
        }
        return m;
    }

    /** The template text, one line per template (what {@link #parse} reads back). */
    public String text() {
        StringBuilder b = new StringBuilder();
        for (FeatureTemplate t : templates) {
            b.append(t.text()).append('\n');
        }
        return b.toString();
    }
}
