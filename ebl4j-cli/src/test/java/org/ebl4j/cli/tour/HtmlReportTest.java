package org.ebl4j.cli.tour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    @TempDir
    Path dir;

    @Test
    void escapesTheFiveSpecialCharacters() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39; é", HtmlReport.escape("a <b> & \"c\" 'd' é"));
    }

    @Test
    void linksAreRelativeAndPercentEncoded() {
        assertEquals("spiral/spiral.png", HtmlReport.link(dir, dir.resolve("spiral/spiral.png")));
        assertEquals("a%20b/x%23%25%C3%A9.png", HtmlReport.link(dir, dir.resolve("a b/x#%é.png")));
        assertEquals("loss-table/accuracy_1.png", HtmlReport.link(dir, dir.resolve("x/../loss-table/accuracy_1.png")));
    }

    @Test
    void formatsNumbersToFourSignificantDigits() {
        assertEquals("0.001044", HtmlReport.format(0.0010441654703754466));
        assertEquals("189.6", HtmlReport.format(189.5537986755371));
        assertEquals("1.920e-05", HtmlReport.format(1.9198690097255167E-5));
        assertEquals("1", HtmlReport.format(1.0));
        assertEquals("400", HtmlReport.format(400));
        assertEquals("—", HtmlReport.format(null));
    }

    @Test
    void commandsAreQuotedForTheShell() {
        assertEquals("./ebl4j example spiral --out out/tour/spiral",
                TourCommand.shell(List.of("example", "spiral", "--out", "out/tour/spiral")));
        assertEquals("./ebl4j tour --out '/tmp/my tour' 'it'\\''s'",
                TourCommand.shell(List.of("tour", "--out", "/tmp/my tour", "it's")));
    }

    @Test
    void pageEscapesEveryTextAndLinksPicturesRelatively() throws Exception {
        TourSection hostile = new TourSection() {
            @Override
            public String id() {
                return "x\"y";
            }

            @Override
            public String title() {
                return "<script>alert(1)</script>";
            }

            @Override
            public String lecture() {
                return "slide “A & B”";
            }

            @Override
            public String summary() {
                return "E < 0";
            }

            @Override
            public List<String> command(Path d, boolean quick) {
                return List.of("example", "x", "--out", d.toString());
            }

            @Override
            public Table table(Map<String, Object> figures) {
                return Table.byMetric(figures, "loss", "gap");
            }
        };
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("gap", Map.of("<energy>", 0.5));
        figures.put("figures", Map.of("energy", dir.resolve("x/energy.png").toString()));
        figures.put("source", "bundled photo.png"); // names no file: not a picture
        Files.createDirectories(dir.resolve("x"));
        Files.write(dir.resolve("x/energy.png"), new byte[] {1});
        List<TourSection.Picture> pictures = hostile.pictures(figures, dir.resolve("x"));
        assertEquals(List.of(new TourSection.Picture(dir.resolve("x/energy.png"), "energy")), pictures);
        TourSection.Result r = new TourSection.Result(figures, pictures, hostile.table(figures));
        Path index = dir.resolve("index.html");
        HtmlReport.write(index, "./ebl4j tour --out 'a<b'", false,
                List.of(new HtmlReport.Entry(hostile, r, "./ebl4j example x --out '<d>'", 1.25)));
        String html = Files.readString(index);
        assertFalse(html.contains("<script>alert"), html);
        assertTrue(html.contains("<section id=\"x&quot;y\">"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertTrue(html.contains("slide “A &amp; B”") && html.contains("E &lt; 0"), html);
        assertTrue(html.contains("<img src=\"x/energy.png\" alt=\"energy\">"), html);
        assertTrue(html.contains("<td>&lt;energy&gt;</td><td class=\"number\">0.5000</td>"), html);
        assertTrue(html.contains("<pre><code>./ebl4j example x --out &#39;&lt;d&gt;&#39;</code></pre>"), html);
        assertTrue(html.contains("(1.3 s here)"), html);
        assertEquals(1, html.split("<script>", -1).length - 1, "only the page's own script");
    }

    @Test
    void tableRowsMustMatchTheHeader() {
        assertThrows(IllegalArgumentException.class, () -> new Table(List.of("a", "b"), List.of(List.of(1))));
        Map<String, Object> figures = Map.of("hmc", Map.of("error", 0.1), "langevin", Map.of("error", 0.2));
        Table t = Table.byItem(figures, "sampler", List.of("hmc", "langevin"), "error");
        assertEquals(List.of(List.of("hmc", 0.1), List.of("langevin", 0.2)), t.rows());
        assertThrows(IllegalArgumentException.class, () -> Table.byMetric(figures, "x", "error"));
    }
}
