package dev.arbiter.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.TestClock;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A token's last use (issue #20): remembered per request, written in batches, the latest of several
 * gateways wins, kept across a restart; on SQLite and on PostgreSQL.
 */
class TokenLastUseTest {

    @TempDir
    Path dir;

    private static Instant stored(Workspace ws, String tokenId) {
        return ws.database().read(TokenStore::lastUses).get(tokenId);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void usesAreWrittenInBatchesTheLatestGatewayWinsAndARestartKeepsThem(StoreKind kind) {
        StoreKind.Place place = kind.fresh(dir);
        TestClock early = new TestClock(Instant.parse("2026-11-30T09:00:00Z"));
        TestClock late = new TestClock(Instant.parse("2026-11-30T09:00:00Z"));
        String text;
        String id;
        try (Workspace one = place.open(1, early)) {
            DemoAgents.ensure(one);
            IssuedToken issued = one.tokens().issue(DemoAgents.SUPPORT, Duration.ofDays(7), "alice");
            text = issued.token();
            id = issued.info().id();
            try (Workspace two = place.open(2, late)) {
                assertThat(one.tokens().lastUses()).doesNotContainKey(id);

                late.advance(Duration.ofMinutes(5));
                for (int i = 0; i < 1_000; i++) {
                    assertThat(two.tokens().check(text)).isInstanceOf(TokenCheck.Valid.class);
                }
                early.advance(Duration.ofMinutes(2));
                one.tokens().check(text);

                // nothing written per request: the store has no use until a flush
                assertThat(stored(one, id)).isNull();
                assertThat(two.tokens().lastUses()).containsEntry(id, Instant.parse("2026-11-30T09:05:00Z"));

                assertThat(two.tokens().uses().flush()).isEqualTo(1);
                assertThat(one.tokens().uses().flush()).isEqualTo(1);   // older: does not overwrite
                assertThat(one.tokens().uses().flush()).isZero();       // nothing new
                assertThat(stored(one, id)).isEqualTo(Instant.parse("2026-11-30T09:05:00Z"));
                assertThat(one.tokens().lastUses()).containsEntry(id, Instant.parse("2026-11-30T09:05:00Z"));

                early.advance(Duration.ofMinutes(10));
                one.tokens().check(text);                             // 09:12, remembered; written on close
                assertThat(one.tokens().check("arb.nosuch.secret")).isInstanceOf(TokenCheck.Refused.class);
            }
        }
        try (Workspace again = place.open(3, early)) {
            assertThat(again.tokens().lastUses()).containsOnlyKeys(id)
                    .containsEntry(id, Instant.parse("2026-11-30T09:12:00Z"));
        }
    }
}
