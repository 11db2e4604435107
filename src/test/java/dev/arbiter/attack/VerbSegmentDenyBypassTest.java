package dev.arbiter.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.decision.Decision;
import dev.arbiter.core.decision.DecisionRequest;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack: a deny covers everything below the denied resource
 * ({@code delete:customer_records} denies {@code delete:customer_records.all}),
 * but not a segment added to the verb. With an allow such as
 * {@code *:customer_records} ("anything on the records but delete"), the
 * agent asks for {@code delete.all:customer_records} or
 * {@code delete/bulk:customer_records} and is allowed.
 */
class VerbSegmentDenyBypassTest {

    @TempDir
    Path dir;

    @Test
    void aSegmentAddedToTheVerbIsNoWayAroundADeny() {
        try (Workspace ws = TestWorkspaces.open(dir)) {
            ws.policies().save("""
                    agent_policy:
                      name: "records-agent"
                      allowed_actions: ["*:customer_records"]
                      denied_actions: ["delete:customer_records"]
                    """, "test", null, true);
            ws.agents().add(new AgentProfile("records", "Records agent", "test", "", "", "", "", Set.of(), null,
                    "records-agent", null), "test");
            // control: the policy works as written
            assertThat(decide(ws, "read:customer_records").wasAllowed()).isTrue();
            assertThat(decide(ws, "delete:customer_records").wasAllowed()).isFalse();
            assertThat(decide(ws, "delete:customer_records.all").wasAllowed()).isFalse();
            // the same deny, one segment further on the verb side
            for (String spelling : new String[] {"delete.all:customer_records", "delete/bulk:customer_records",
                    "DELETE.hard:customer_records"}) {
                Decision d = decide(ws, spelling);
                assertThat(d.wasAllowed()).as("%s: %s %s", spelling, d.verdict(), d.reasonCode()).isFalse();
            }
        }
    }

    private static Decision decide(Workspace ws, String action) {
        return ws.decisions().decide(DecisionRequest.of("records", action)).join();
    }
}
