package dev.arbiter.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.LedgerEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** No rule fires on a normal stream, whatever its rate, length, start and jitter (the rules alone, no store). */
class NormalStreamProperties {

    @Property(tries = 60)
    void noRuleFiresOnANormalStream(@ForAll @IntRange(min = 1, max = 12) int perMinute,
                                    @ForAll @IntRange(min = 1, max = 6) int days,
                                    @ForAll @IntRange(min = 0, max = 400) int startDay,
                                    @ForAll long seed) {
        Instant start = Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofDays(startDay));
        List<AuditEntry> stream = SyntheticStream.normal(SyntheticStream.AGENT, start, days, perMinute, seed);
        AgentWatch watch = new AgentWatch(SyntheticStream.AGENT, Baseline.empty(), new HashSet<>());
        AlertRuleSet rules = AlertRules.shipped();
        long seq = 0;
        for (AuditEntry e : stream) {
            Observation o = Observation.of(new LedgerEntry(++seq, e, "", "")).orElseThrow();
            assertThat(watch.observe(o, rules)).as("entry %d of %d", seq, stream.size()).isEmpty();
        }
    }

    @Property(tries = 30)
    void aBurstAtOrAboveTheThresholdAlwaysFiresAndBelowNever(@ForAll @IntRange(min = 1, max = 40) int denials,
                                                            @ForAll @IntRange(min = 1, max = 59) int spreadSeconds) {
        AgentWatch watch = new AgentWatch(SyntheticStream.AGENT, Baseline.empty(), new HashSet<>());
        AlertRuleSet rules = AlertRules.shipped();
        Instant t0 = Instant.parse("2026-11-30T10:00:00Z");
        int fired = 0;
        for (int i = 0; i < denials; i++) {
            Instant at = t0.plusMillis((long) i * spreadSeconds * 1000 / denials);
            Observation o = Observation.of(new LedgerEntry(i + 1, SyntheticStream.decision(SyntheticStream.AGENT,
                    at, "read:tickets", "deny", "DENIED_BY_POLICY", 0.1, 0.9, null), "", "")).orElseThrow();
            fired += (int) watch.observe(o, rules).stream().filter(f -> f.rule() == RuleKind.DENIAL_BURST).count();
        }
        assertThat(fired).isEqualTo(denials / 10);
    }
}
