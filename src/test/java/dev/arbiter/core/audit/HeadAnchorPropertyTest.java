package dev.arbiter.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever happened to the tail and to {@code ledger.head}, the ledger writes exactly when verify accepts
 * the state it would write on top of, and the write never hides a problem verify saw: no write anchors a
 * cut chain (issue 13 §3).
 */
class HeadAnchorPropertyTest {

    enum AnchorFate { KEPT, DELETED, GARBLED, OLDER_COPY }

    /** The record is written without a Formatter per commit, and must stay byte for byte what it was. */
    @Property(tries = 300)
    void theRecordIsWhatTheFormatGave(@ForAll @net.jqwik.api.constraints.LongRange(min = 0) long seq,
                                      @ForAll @net.jqwik.api.constraints.StringLength(64)
                                      @net.jqwik.api.constraints.Chars({'0', '1', '2', '3', '4', '5', '6', '7', '8',
                                              '9', 'a', 'b', 'c', 'd', 'e', 'f'}) String hash) {
        assertThat(new String(HeadAnchor.record(new HeadAnchor.Head(seq, hash)),
                java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo(String.format("%020d %s\n", seq, hash));
    }

    @Property(tries = 30)
    void theLedgerWritesExactlyWhenVerifyAcceptsWhatItWouldWriteOnTopOf(
            @ForAll @IntRange(min = 1, max = 12) int entries, @ForAll @IntRange(min = 0, max = 3) int cut,
            @ForAll AnchorFate fate, @ForAll @IntRange(min = 0, max = 12) int olderSeq) throws Exception {
        int kept = Math.max(0, entries - cut);
        Path dir = Files.createTempDirectory("arbiter-anchor");
        Path head = dir.resolve("ledger.head");
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            String olderRecord = Files.readString(head);
            for (int i = 1; i <= entries; i++) {
                ws.ledger().append(AuditEntry.of("decision").traceId("t-" + i).build());
                if (i == olderSeq) {
                    olderRecord = Files.readString(head);
                }
            }
            if (cut > 0) {
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("arbiter.db"));
                     Statement st = c.createStatement()) {
                    st.execute("DROP TRIGGER audit_entry_no_delete");
                    st.execute("DELETE FROM audit_entry WHERE seq > " + kept);
                }
            }
            switch (fate) {
                case DELETED -> Files.delete(head);
                case GARBLED -> Files.writeString(head, "not a head\n");
                case OLDER_COPY -> Files.writeString(head, olderRecord);
                case KEPT -> { }
            }
            boolean verifyAccepts = ws.verifier().verify().intact();
            boolean consistent = switch (fate) {
                case KEPT -> cut == 0;
                case DELETED, GARBLED -> false;
                case OLDER_COPY -> (olderSeq <= entries ? olderSeq : 0) <= kept;
            };
            assertThat(verifyAccepts).isEqualTo(consistent);

            AuditEntry next = AuditEntry.of("decision").traceId("next").build();
            if (verifyAccepts) {
                assertThat(ws.ledger().append(next).seq()).isEqualTo(kept + 1);
                assertThat(ws.verifier().verify().intact()).isTrue();
            } else {
                assertThatThrownBy(() -> ws.ledger().append(next)).isInstanceOf(LedgerUnavailableException.class)
                        .hasMessageContaining("reset-anchor");
                assertThat(ws.ledger().headSeq()).isEqualTo(kept);
                assertThat(ws.verifier().verify().intact()).isFalse();
            }
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
