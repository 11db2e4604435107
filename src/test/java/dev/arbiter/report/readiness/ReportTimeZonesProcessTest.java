package dev.arbiter.report.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.cli.ArbiterCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same report written by {@code arbiter} under two {@code TZ}s names the same instants. */
class ReportTimeZonesProcessTest {

    private static final Pattern COMPLETED =
            Pattern.compile("Completed (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d) UTC([+-]\\d\\d:\\d\\d)?");

    @TempDir
    Path dir;

    private String reportUnder(String tz, Path data) throws IOException, InterruptedException {
        Path pdf = dir.resolve("readiness-" + tz.replace('/', '-') + ".pdf");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.arbiter.Main", "report", "readiness",
                "--data-dir", data.toString(), "--out", pdf.toString()).redirectErrorStream(true);
        pb.environment().put("TZ", tz);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }

    private static Instant completedAt(String text) {
        Matcher m = COMPLETED.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        String offset = m.group(2) == null ? "+00:00" : m.group(2);
        return OffsetDateTime.parse(m.group(1) + offset, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mmxxx"))
                .toInstant();
    }

    @Test
    void twoZonesPrintDifferentClocksForOneInstantAndSaySo() throws Exception {
        Path data = dir.resolve("ws");
        assertThat(ArbiterCommand.run("demo", "--data-dir", data.toString())).isZero();

        String utc = reportUnder("UTC", data);
        String auckland = reportUnder("Pacific/Auckland", data);

        assertThat(completedAt(auckland)).isEqualTo(completedAt(utc));
        assertThat(auckland).containsPattern("Completed [\\d-]+ [\\d:]+ UTC\\+1[23]:00");
        for (String text : List.of(utc, auckland)) {
            assertThat(text).doesNotContainPattern("(?<![+-])\\d\\d:\\d\\d(?! UTC)");
        }
    }
}
