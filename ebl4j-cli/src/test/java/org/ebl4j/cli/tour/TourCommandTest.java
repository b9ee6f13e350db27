package org.ebl4j.cli.tour;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.ebl4j.cli.Run;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: {@code ebl4j tour --quick} into a temporary folder, then the page's structure (one section per
 * registered section, each with pictures whose relative links resolve to PNGs on disk) and, where chromium is
 * installed, the page as a browser shows it: every image loaded.
 */
class TourCommandTest {
    private static final Pattern SECTION = Pattern.compile("<section id=\"([^\"]+)\">(.*?)</section>", Pattern.DOTALL);
    private static final Pattern IMG_SRC = Pattern.compile("<img src=\"([^\"]*)\"");

    @TempDir
    static Path dir;

    private static Run tour;
    private static String html;

    @BeforeAll
    static void runQuickTour() throws IOException {
        tour = Run.of("tour", "--quick", "--out", dir.toString(), "--json");
        html = Files.readString(dir.resolve("index.html"));
    }

    @Test
    void everyRegisteredSectionIsOnThePageInOrderWithPicturesOnDisk() throws IOException {
        assertEquals(0, tour.exitCode(), tour.err());
        List<String> ids = new ArrayList<>();
        Matcher m = SECTION.matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
            String body = m.group(2);
            List<String> srcs = new ArrayList<>();
            Matcher img = IMG_SRC.matcher(body);
            while (img.find()) {
                srcs.add(img.group(1));
            }
            assertFalse(srcs.isEmpty(), "section " + m.group(1) + " has no picture");
            for (String src : srcs) {
                assertFalse(src.startsWith("/") || src.contains(":") || src.contains(".."),
                        "not a relative link inside the tour folder: " + src);
                Path file = dir.resolve(URLDecoder.decode(src, StandardCharsets.UTF_8));
                assertTrue(Files.isRegularFile(file), src + " exists");
                BufferedImage image = ImageIO.read(file.toFile());
                assertTrue(image != null && image.getWidth() > 0 && image.getHeight() > 0, src + " is a PNG");
            }
            assertTrue(body.contains("<pre><code>./ebl4j "), "section " + m.group(1) + " shows its command");
            assertTrue(body.contains("class=\"lecture\">Reproduces: "), "section " + m.group(1) + " cites a slide");
            assertTrue(body.contains("<td class=\"number\">"), "section " + m.group(1) + " has a table of numbers");
        }
        assertEquals(TourCommand.SECTIONS.stream().map(TourSection::id).toList(), ids);
        assertEquals("spiral", ids.get(0), "the spiral energy surfaces come first");
    }

    @Test
    void eachSectionShowsTheCommandThatWritesItsPictures() {
        for (TourSection s : TourCommand.SECTIONS) {
            String command = TourCommand.shell(s.command(dir.resolve(s.id()), true));
            assertTrue(html.contains("<pre><code>" + HtmlReport.escape(command) + "</code></pre>"), command);
            // an example of its own, or another section's example with other options (PSD is image-atoms --psd),
            // writing into the section's folder
            assertTrue(command.startsWith("./ebl4j example " + s.id()) || command.startsWith("./ebl4j example ")
                    && command.endsWith("--out " + dir.resolve(s.id())), command);
        }
        assertEquals(List.of("example", "spiral", "--epochs", "40", "--out", "out/tour/spiral"),
                TourCommand.SECTIONS.get(0).command(Path.of("out/tour/spiral"), true));
    }

    @Test
    void theShownCommandReproducesTheSectionsNumbersAndPictures() throws IOException {
        TourSection sampling = TourCommand.SECTIONS.stream().filter(s -> s.id().equals("sampling")).findFirst()
                .orElseThrow();
        List<String> args = new ArrayList<>(sampling.command(dir.resolve("sampling"), true));
        byte[] picture = Files.readAllBytes(dir.resolve("sampling/hmc.png"));
        args.add("--json");
        Run again = Run.of(args.toArray(String[]::new));
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(samplers(tour.lastLine()), samplers(again.lastLine()));
        assertArrayEquals(picture, Files.readAllBytes(dir.resolve("sampling/hmc.png")));
    }

    /** The samplers' figures (errors, acceptance, moments, picture path) in a JSON line holding the sampling run's. */
    private static String samplers(String json) {
        int from = json.indexOf("\"example\":\"sampling\",\"hmc\":");
        int to = json.indexOf(",\"true_mean\"", from);
        assertTrue(from >= 0 && to > from, json);
        return json.substring(from, to);
    }

    @Test
    void jsonListsEverySectionWithItsPicturesAndFigures() {
        String json = tour.lastLine();
        assertTrue(json.startsWith("{\"tour\":") && json.contains("\"quick\":true"), json);
        for (TourSection s : TourCommand.SECTIONS) {
            assertTrue(json.contains("\"" + s.id() + "\":{\"seconds\":"), s.id() + " in " + json);
        }
        // the loss table's numbers are the example's: the energy loss fails (collapse), the others learn
        assertTrue(json.contains("\"expected_to_fail\":[\"energy\"]"), json);
        assertTrue(tour.out().contains("tour: " + TourCommand.SECTIONS.size() + " sections in "), tour.out());
    }

    @Test
    void everyImageLoadsInAHeadlessBrowser() throws Exception {
        Assumptions.assumeTrue(onPath("chromium"), "chromium not installed; CI installs it (.ci/run)");
        String dom = dumpDom(dir.resolve("index.html"));
        int images = count(html, "<img ");
        assertEquals(TourCommand.SECTIONS.size(), count(dom, "<section id="), dom);
        assertTrue(dom.contains("data-images=\"" + images + "\""), "images counted by the page's script: " + dom);
        assertTrue(dom.contains("data-images-loaded=\"" + images + "\""), "every image loaded: " + dom);
        assertTrue(dom.contains("data-images-broken=\"\""), dom);

        // the check can fail: a page whose picture is missing reports it
        Path broken = dir.resolve("broken/index.html");
        TourSection s = TourCommand.SECTIONS.get(0);
        TourSection.Result r = new TourSection.Result(Map.of(),
                List.of(new TourSection.Picture(dir.resolve("broken/missing.png"), "missing")),
                new Table(List.of("a"), List.of()));
        HtmlReport.write(broken, "./ebl4j tour", true, List.of(new HtmlReport.Entry(s, r, "./ebl4j x", 0)));
        String brokenDom = dumpDom(broken);
        assertTrue(brokenDom.contains("data-images-loaded=\"0\"") && brokenDom.contains("missing.png"), brokenDom);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    /** The DOM of {@code page} after loading in headless chromium, its scripts run. */
    private static String dumpDom(Path page) throws Exception {
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        Path stdout = Files.createTempFile(dir, "dom", ".html");
        Process p = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--virtual-time-budget=10000", "--dump-dom",
                page.toUri().toString())
                .redirectOutput(stdout.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish loading " + page + " in 120 s");
        }
        assertEquals(0, p.exitValue(), "chromium exit code");
        return Files.readString(stdout);
    }
}
