package dev.arbiter.core.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.store.DataDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * No sequence of requested moves (with or without a root cause) takes an incident anywhere but one
 * step forward along open → contained → resolved → closed, and every refused move changes nothing.
 */
class IncidentStatusProperties {

    private static Path dir;
    private static Workspace ws;

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("incident-props");
        ws = Workspace.open(new DataDirectory(dir));
    }

    @AfterContainer
    static void close() {
        ws.close();
    }

    /** A request: move to a status, or (null) record a root cause. */
    @Property(tries = 60)
    void onlyOneStepForwardEverHappens(@ForAll @Size(max = 10) List<IncidentStatus> requests,
                                       @ForAll boolean rootCauseBeforeClosing) {
        long id = ws.incidents().open(NewIncident.of("property", Severity.LOW, List.of()), "p").id();
        IncidentStatus model = IncidentStatus.OPEN;
        if (rootCauseBeforeClosing) {
            ws.incidents().setRootCause(id, "cause", "p");
        }
        for (IncidentStatus target : requests) {
            boolean allowed = model.canMoveTo(target)
                    && (target != IncidentStatus.CLOSED || rootCauseBeforeClosing);
            long head = ws.ledger().headSeq();
            if (allowed) {
                ws.incidents().move(id, target, null, "p");
                model = target;
                assertThat(ws.ledger().headSeq()).isEqualTo(head + 1);
            } else {
                assertThatThrownBy(() -> ws.incidents().move(id, target, null, "p"))
                        .isInstanceOf(IncidentRuleException.class);
                assertThat(ws.ledger().headSeq()).isEqualTo(head);
            }
            Incident now = ws.incidents().get(id);
            assertThat(now.status()).isEqualTo(model);
            assertThat(now.timeline().stream().filter(e -> e.kind().name().equals(now.status().name())
                    || now.status() == IncidentStatus.OPEN).count()).isPositive();
        }
    }

    @Property
    void canMoveToIsExactlyTheNextStatus(@ForAll IncidentStatus from, @ForAll IncidentStatus to) {
        assertThat(from.canMoveTo(to)).isEqualTo(to.ordinal() == from.ordinal() + 1);
    }
}
