package dev.arbiter.core.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Target times ({@code within}) and a scenario's timed injects in a playbook's YAML. */
class PlaybookInjectsTest {

    static String playbook(String within, String injects) {
        return """
                playbook:
                  id: p
                  name: P
                  trigger: t
                  roles: [lead]
                  steps:
                    - do: Pause it
                      role: lead
                """ + (within == null ? "" : "      within: " + within + "\n") + injects;
    }

    @Test
    void everyShippedPlaybookHasTargetsAndInjects() {
        for (String id : PlaybookLibrary.DEFAULTS) {
            try (var in = PlaybookLibrary.class.getResourceAsStream("/playbooks/" + id + ".yaml")) {
                PlaybookCodec.Result r = PlaybookCodec.parse(id + ".yaml", new String(in.readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8));
                assertThat(r.problems()).as(id).isEmpty();
                Playbook p = r.playbook().orElseThrow();
                assertThat(p.steps()).as(id).allMatch(s -> s.within().isPresent());
                assertThat(p.injects()).as(id).hasSizeGreaterThanOrEqualTo(3);
                assertThat(p.injects().get(0).at()).as(id).isZero();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void timesAndInjectsAreReadAndSortedByTime() {
        Playbook p = PlaybookCodec.parse("p.yaml", playbook("1h30m", """
                  injects:
                    - at: 10m
                      event: later
                    - at: 90s
                      event: first
                """)).playbook().orElseThrow();
        assertThat(p.steps().get(0).within()).contains(Duration.ofMinutes(90));
        assertThat(p.injects()).containsExactly(new Playbook.Inject(Duration.ofSeconds(90), "first"),
                new Playbook.Inject(Duration.ofMinutes(10), "later"));
        assertThat(PlaybookCodec.parse("p.yaml", playbook(null, "")).playbook().orElseThrow().injects()).isEmpty();
    }

    @Test
    void badTimesAndInjectsAreNamedByLineAndColumn() {
        PlaybookCodec.Result r = PlaybookCodec.parse("p.yaml", playbook("soon", """
                  injects:
                    - at: 25h
                      event: too late
                    - event: no time
                    - at: 5m
                      event: ok
                      colour: red
                    - just text
                """));
        assertThat(r.playbook()).isEmpty();
        assertThat(r.problems()).extracting(PlaybookProblem::toString).containsExactlyInAnyOrder(
                "p.yaml:9:15: within: expected a time such as 90s, 15m or 1h30m",
                "p.yaml:11:11: at: 25h is more than 24h; an exercise runs a working day at most",
                "p.yaml:13:7: an inject needs 'at' (e.g. 5m after the start) and 'event'",
                "p.yaml:16:7: unknown key 'colour' in an inject; the keys are at, event",
                "p.yaml:17:7: an inject is a mapping: at (e.g. 5m) and event (what happens)");
    }

    @Property
    void anyHoursMinutesSecondsSpellingWithinADayReads(@ForAll @IntRange(max = 24) int h,
                                                        @ForAll @IntRange(max = 59) int m,
                                                        @ForAll @IntRange(max = 59) int s) {
        Duration d = Duration.ofHours(h).plusMinutes(m).plusSeconds(s);
        String text = (h > 0 ? h + "h" : "") + (m > 0 ? m + "m" : "") + (s > 0 || d.isZero() ? s + "s" : "");
        PlaybookCodec.Result r = PlaybookCodec.parse("p.yaml", playbook(text.toUpperCase(), ""));
        if (d.compareTo(PlaybookCodec.MAX_OFFSET) > 0) {
            assertThat(r.problems()).singleElement().asString().contains("more than 24h");
        } else {
            assertThat(r.playbook().orElseThrow().steps().get(0).within()).contains(d);
        }
    }
}
