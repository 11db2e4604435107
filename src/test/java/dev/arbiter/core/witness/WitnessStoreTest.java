package dev.arbiter.core.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.evidence.AddCheckpoint;
import dev.arbiter.core.evidence.CosignatureVerifier;
import dev.arbiter.core.evidence.CosignerKey;
import dev.arbiter.core.evidence.EvidenceBundle;
import dev.arbiter.core.evidence.OfflineVerifier;
import dev.arbiter.core.evidence.SignedNote;
import dev.arbiter.testing.StoreKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The witness's tables (V27: followed logs and their keys, alarms, imported cosignatures) on a real SQLite file
 * and a real PostgreSQL server: a round trip, a rollback recorded as an alarm, the state seen by a second process,
 * and the append-only rules enforced by the database itself.
 */
class WitnessStoreTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void theWitnessesStateAndTheLogsCosignaturesLiveInEitherStore(StoreKind kind) throws Exception {
        StoreKind.Place cisoPlace = kind.fresh(dir.resolve("ciso"));
        try (Workspace log = kind.fresh(dir.resolve("log")).open(1); Workspace ciso = cisoPlace.open(1)) {
            CosignerKey witnessKey = ciso.witness().init("ciso.example.com/witness");
            append(log, 3);
            String origin = log.checkpoints().origin();
            assertThat(ciso.witness().follow(origin, log.checkpoints().key().publicKey(), "ciso")).isTrue();

            long first = roundTrip(log, ciso, witnessKey);
            String oldNote = log.checkpoints().all().get(0);
            append(log, 2);
            long second = roundTrip(log, ciso, witnessKey);
            assertThat(second).isEqualTo(first + 2);
            assertThat(log.cosignatureVerifier().verifyCosigned(List.of(witnessKey)).summary())
                    .contains("ciso.example.com/witness cosigned entries #1 to #" + second);

            // Offering the older checkpoint again is a rollback: refused and recorded.
            CosignOutcome rolledBack = ciso.witness().cosign(new AddCheckpoint(0, List.of(), SignedNote.parse(oldNote)),
                    "offered", "ciso");
            assertThat(rolledBack).isInstanceOfSatisfying(CosignOutcome.Refused.class,
                    r -> assertThat(r.alarm()).get().extracting(WitnessAlarm::kind).isEqualTo(WitnessAlarm.Kind.ROLLED_BACK));

            // Another process on the witness's store sees the same state.
            try (Workspace again = cisoPlace.open(2)) {
                assertThat(again.witness().logs()).singleElement().satisfies(l -> {
                    assertThat(l.origin()).isEqualTo(origin);
                    assertThat(l.size()).isEqualTo(second);
                });
                assertThat(again.witness().alarms()).extracting(WitnessAlarm::kind)
                        .containsExactly(WitnessAlarm.Kind.ROLLED_BACK);
                assertThat(again.witness().latest(origin)).get().asString().contains("\n" + second + "\n");
            }

            // The database itself refuses a shrinking, forgotten or edited witness state.
            assertRefused(ciso, "UPDATE witness_log SET tree_size = 1", "only grows");
            assertRefused(ciso, "DELETE FROM witness_log", "never forgotten");
            assertRefused(ciso, "DELETE FROM witness_alarm", "append-only");
            assertRefused(log, "DELETE FROM checkpoint_cosignature", "append-only");
            assertThat(ciso.witness().logs().get(0).size()).isEqualTo(second);

            // A bundle leads to the smallest covering checkpoint a witness cosigned, not the smallest covering one.
            append(log, 1);
            long uncosigned = log.checkpoints().checkpoint().orElseThrow().checkpoint().size();
            append(log, 1);
            long third = roundTrip(log, ciso, witnessKey);
            Path zip = dir.resolve("evidence.zip");
            var written = new EvidenceBundle(log.auditReader(), log.checkpoints()).write(uncosigned, uncosigned, zip,
                    (d, t) -> { });
            assertThat(written.checkpointSize()).isEqualTo(third).isGreaterThan(uncosigned);
            assertThat(witnessKey.cosignedAt(SignedNote.parse(CosignatureVerifier.checkpointOf(zip, null)))).isPresent();
            assertThat(OfflineVerifier.verifyBundle(zip, log.checkpoints().key().publicKey()).intact()).isTrue();
        }
    }

    private static void assertRefused(Workspace ws, String sql, String says) {
        assertThatThrownBy(() -> ws.database().write(tx -> tx.connection().createStatement().executeUpdate(sql)))
                .hasStackTraceContaining(says);
    }

    private static long roundTrip(Workspace log, Workspace ciso, CosignerKey witnessKey) {
        log.checkpoints().checkpoint();
        AddCheckpoint request = log.cosignatures().request(log.cosignatures().lastCosignedBy(witnessKey));
        CosignOutcome outcome = ciso.witness().cosign(AddCheckpoint.parse(request.format()), request.format(), "ciso");
        assertThat(outcome).isInstanceOf(CosignOutcome.Cosigned.class);
        var cosigned = (CosignOutcome.Cosigned) outcome;
        assertThat(log.cosignatures().importCosigned(cosigned.note().format(), witnessKey).added()).isEqualTo(1);
        return cosigned.size();
    }

    private static void append(Workspace ws, int n) {
        for (int i = 0; i < n; i++) {
            ws.ledger().append(AuditEntry.of("decision").traceId("t-" + i).action("read:crm/matter").build());
        }
    }
}
