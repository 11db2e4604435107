package dev.arbiter.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Work that rides along in a group commit commits with its entry, and a failing one sinks only its own. */
class LedgerAlongsideTest {

    @TempDir
    Path dir;
    Workspace ws;

    @BeforeEach
    void open() {
        ws = TestWorkspaces.open(dir);
        ws.database().write(tx -> {
            try (Statement st = tx.connection().createStatement()) {
                st.execute("CREATE TABLE side (id INTEGER PRIMARY KEY)");
            }
            return null;
        });
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void aFailingAlongsideWriteFailsOnlyItsEntryAndTheChainStaysWhole() {
        List<CompletableFuture<LedgerEntry>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int id = i == 25 ? 24 : i; // the 26th repeats a primary key: its insert fails
            futures.add(ws.ledger().appendAsync(AuditEntry.of("test.alongside").traceId("t" + i).build(), tx -> {
                try (Statement st = tx.connection().createStatement()) {
                    st.execute("INSERT INTO side(id) VALUES (" + id + ")");
                }
                return null;
            }));
        }
        for (int i = 0; i < 50; i++) {
            CompletableFuture<LedgerEntry> f = futures.get(i);
            if (i == 25) {
                assertThatThrownBy(f::join).hasMessageContaining("UNIQUE");
            } else {
                assertThat(f.join().entry().traceId()).isEqualTo("t" + i);
            }
        }
        long rows = ws.database().read(c -> {
            try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM side")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(rows).isEqualTo(49);
        assertThat(ws.auditReader().count(new AuditQuery(null, null, null, "test.alongside", null))).isEqualTo(49);
        assertThat(ws.verifier().verify().intact()).isTrue();
    }
}
