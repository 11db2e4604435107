package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** {@code --from} and {@code --to} take the ways a person writes a date or time. */
class TimeArgumentTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
            "2026-11-30, 2026-11-30T00:00:00Z, 2026-11-30T23:59:59.999Z",
            "2026-11-30T14:05, 2026-11-30T14:05:00Z, 2026-11-30T14:05:00Z",
            "2026-11-30 14:05:30, 2026-11-30T14:05:30Z, 2026-11-30T14:05:30Z",
            "2026-11-30T14:05:30.250, 2026-11-30T14:05:30.250Z, 2026-11-30T14:05:30.250Z",
            "2026-11-30T14:05Z, 2026-11-30T14:05:00Z, 2026-11-30T14:05:00Z",
            "2026-11-30T14:05+01:00, 2026-11-30T13:05:00Z, 2026-11-30T13:05:00Z",
            "2026-11-30T14:05:00-05:00, 2026-11-30T19:05:00Z, 2026-11-30T19:05:00Z",
            "2026-07-01T12:00+02:00[Europe/Paris], 2026-07-01T10:00:00Z, 2026-07-01T10:00:00Z",
            "' 2026-11-30 ', 2026-11-30T00:00:00Z, 2026-11-30T23:59:59.999Z"
    })
    void acceptsDatesAndDateTimesWithOrWithoutZone(String typed, Instant asFrom, Instant asTo) {
        assertThat(new TimeArgument.From().convert(typed)).isEqualTo(asFrom);
        assertThat(new TimeArgument.To().convert(typed)).isEqualTo(asTo);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13-01", "2026-02-30", "30.11.2026", "yesterday", "", "2026-11-30T25:00",
            "1732924800"})
    void refusesOtherTextSayingWhatIsAccepted(String typed) {
        assertThatThrownBy(() -> new TimeArgument.From().convert(typed)).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'" + typed + "' is not a date or time").hasMessageContaining("2026-11-30T14:05Z");
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli);
    }

    @Property(tries = 300)
    void everySpellingOfAnInstantMeansThatInstant(@ForAll("instants") Instant at,
            @ForAll("zones") ZoneId zone) {
        Instant second = at.truncatedTo(ChronoUnit.SECONDS);
        String zoned = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(second.atZone(zone));
        String named = DateTimeFormatter.ISO_ZONED_DATE_TIME.format(second.atZone(zone));
        String utcLocal = LocalDateTime.ofInstant(second, ZoneOffset.UTC).toString();

        assertThat(TimeArgument.parse(zoned, false)).isEqualTo(second);
        assertThat(TimeArgument.parse(named, true)).isEqualTo(second);
        assertThat(TimeArgument.parse(utcLocal, false)).isEqualTo(second);
        assertThat(TimeArgument.parse(at.toString(), true)).isEqualTo(at);
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of("UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Adelaide",
                "Pacific/Kiritimati").map(ZoneId::of);
    }

    @Test
    void exportFromADateSelectsThatDayOnAndABadDateIsAUsageError() throws Exception {
        Path data = dir.resolve("ws");
        assertThat(CliRun.in(data, "demo").exitCode()).isZero();
        Path all = dir.resolve("all.jsonl");
        Path since = dir.resolve("since.jsonl");
        assertThat(CliRun.in(data, "audit", "export", "--out", all.toString()).exitCode()).isZero();

        CliRun run = CliRun.in(data, "audit", "export", "--out", since.toString(), "--from", "2000-01-01",
                "--to", "2999-12-31");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllLines(since)).isEqualTo(Files.readAllLines(all));

        CliRun bad = CliRun.in(data, "audit", "export", "--out", since.toString(), "--from", "2026-11-31");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--from").contains("'2026-11-31' is not a date or time")
                .contains("no zone means UTC").doesNotContain("Exception");
    }

    @Test
    void formatIsCaseInsensitiveAndAnUnknownOneIsAUsageError() {
        Path data = dir.resolve("ws");
        CliRun bad = CliRun.in(data, "audit", "export", "--out", dir.resolve("x").toString(), "--format", "xml");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--format").contains("JSONL").doesNotContain("Exception");
        CliRun csv = CliRun.in(data, "audit", "export", "--out", dir.resolve("x").toString(), "--format", "csv");
        assertThat(csv.exitCode()).as(csv.err()).isZero();
    }
}
