package org.ebl4j.cli.tour;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.ebl4j.io.AtomicFile;
import org.ebl4j.io.Json;

/**
 * The tour's {@code index.html}: one {@code <section>} per tour section with its pictures (relative links to the
 * PNGs), its numbers, the lecture figure it reproduces and the command that re-runs it. Every text is HTML-escaped;
 * links are percent-encoded. A small script records, once the page has loaded, how many of its images loaded
 * (attributes {@code data-images}, {@code data-images-loaded} and {@code data-images-broken} of {@code <body>}), so
 * that a headless browser's DOM dump shows whether every picture displays.
 */
public final class HtmlReport {
    /** A section as run: its definition, what it produced, the command line shown and the seconds it took. */
    public record Entry(TourSection section, TourSection.Result result, String command, double seconds) {
    }

    private static final String STYLE = """
            body { font-family: sans-serif; max-width: 70em; margin: 1em auto; padding: 0 1em; line-height: 1.4; }
            section { border-top: 1px solid #ccc; margin-top: 2em; }
            figure { display: inline-block; margin: 0.5em 1em 0.5em 0; vertical-align: top; }
            figure img { max-width: 100%; border: 1px solid #ddd; }
            figcaption { font-size: 90%; color: #444; max-width: 40em; }
            table { border-collapse: collapse; margin: 0.5em 0; }
            th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; }
            td.number { text-align: right; font-family: monospace; }
            .lecture { background: #f4f4f8; padding: 0.5em; }
            code, pre { background: #f6f6f6; }
            pre { white-space: pre-wrap; word-break: break-all; font-size: 85%; }
            """;

    private static final String SCRIPT = """
            window.addEventListener('load', function () {
              var images = document.images, loaded = 0, broken = [];
              for (var i = 0; i < images.length; i++) {
                if (images[i].complete && images[i].naturalWidth > 0) { loaded++; }
                else { broken.push(images[i].getAttribute('src')); }
              }
              document.body.setAttribute('data-images', String(images.length));
              document.body.setAttribute('data-images-loaded', String(loaded));
              document.body.setAttribute('data-images-broken', broken.join(' '));
            });
            """;

    private HtmlReport() {
    }

    /** Writes {@code file} (atomically) for the sections run; the tour itself was run as {@code tourCommand}. */
    public static void write(Path file, String tourCommand, boolean quick, List<Entry> entries) throws IOException {
        Path dir = file.toAbsolutePath().normalize().getParent();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>ebl4j tour</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>ebl4j tour: figures of the energy-based learning lectures</h1>\n")
                .append("<p>Each section reproduces a figure of Y. LeCun's lectures “A Tutorial on Energy-Based ")
                .append("Learning” and “Energy-Based Unsupervised Learning” with ebl4j, shows the numbers the run ")
                .append("measured and the command that re-runs just that section. ")
                .append(quick ? "This is the quick tour: smaller runs than the lectures' settings. " : "")
                .append("Made by <code>").append(escape(tourCommand)).append("</code>.</p>\n<ol>\n");
        for (Entry e : entries) {
            h.append("<li><a href=\"#").append(escape(e.section().id())).append("\">")
                    .append(escape(e.section().title())).append("</a></li>\n");
        }
        h.append("</ol>\n");
        for (Entry e : entries) {
            section(h, dir, e);
        }
        h.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        byte[] bytes = h.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(file, channel -> {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        });
    }

    private static void section(StringBuilder h, Path dir, Entry e) {
        TourSection s = e.section();
        h.append("<section id=\"").append(escape(s.id())).append("\">\n<h2>").append(escape(s.title()))
                .append("</h2>\n<p class=\"lecture\">Reproduces: ").append(escape(s.lecture())).append("</p>\n<p>")
                .append(escape(s.summary())).append("</p>\n");
        for (TourSection.Picture p : e.result().pictures()) {
            h.append("<figure><img src=\"").append(escape(link(dir, p.file()))).append("\" alt=\"")
                    .append(escape(p.caption())).append("\"><figcaption>").append(escape(p.caption()))
                    .append("</figcaption></figure>\n");
        }
        Table t = e.result().table();
        h.append("<table>\n<tr>");
        for (String column : t.header()) {
            h.append("<th>").append(escape(column)).append("</th>");
        }
        h.append("</tr>\n");
        for (List<Object> row : t.rows()) {
            h.append("<tr>");
            for (Object cell : row) {
                h.append(cell instanceof Number ? "<td class=\"number\">" : "<td>").append(escape(format(cell)))
                        .append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n<p>Re-run just this section (").append(String.format(Locale.ROOT, "%.1f", e.seconds()))
                .append(" s here):</p>\n<pre><code>").append(escape(e.command())).append("</code></pre>\n")
                .append("<details><summary>All figures of the run (the command's <code>--json</code> object)")
                .append("</summary>\n<pre>").append(escape(Json.write(e.result().figures())))
                .append("</pre></details>\n</section>\n");
    }

    /** A table cell's text: numbers to 4 significant digits (integers in full), "—" for a missing value. */
    static String format(Object cell) {
        if (cell == null) {
            return "—";
        }
        if (cell instanceof Double || cell instanceof Float) {
            double d = ((Number) cell).doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d)
                    : String.format(Locale.ROOT, "%.4g", d);
        }
        return String.valueOf(cell);
    }

    /** The relative, percent-encoded link from {@code dir} to {@code file}, with "/" separators. */
    static String link(Path dir, Path file) {
        Path relative = dir.relativize(file.toAbsolutePath().normalize());
        StringBuilder out = new StringBuilder();
        for (Path part : relative) {
            out.append(out.length() == 0 ? "" : "/");
            for (byte b : part.toString().getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xff);
                if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                    out.append(c);
                } else {
                    out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
                }
            }
        }
        return out.toString();
    }

    /** {@code text} with the five characters HTML gives meaning to replaced by their entities. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
