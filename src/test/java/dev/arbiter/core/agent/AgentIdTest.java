package dev.arbiter.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.policy.SamplePolicies;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 §1: {@code Ops-Bot} and {@code ops-bot} are one agent, at registration, lookup and in old files. */
class AgentIdTest {

    @TempDir
    Path dir;

    static AgentProfile profile(String id) {
        return new AgentProfile(id, "Ops bot", "Ops", "", "", "", "", Set.of(), DailyBudget.NONE, null, null);
    }

    @Test
    void anIdIsRegisteredInLowerCaseAndFoundInAnyCase() {
        try (Workspace ws = TestWorkspaces.open(dir)) {
            assertThatThrownBy(() -> ws.agents().add(profile("Ops-Bot"), "alice"))
                    .isInstanceOf(InvalidAgentException.class)
                    .hasMessageContaining("agent ids are lower case").hasMessageContaining("write ops-bot");
            ws.agents().add(profile("ops-bot"), "alice");
            assertThat(ws.agents().find("Ops-Bot")).get().extracting(Agent::id).isEqualTo("ops-bot");
            assertThat(ws.agents().find("OPS-BOT")).isPresent();
            assertThat(ws.agents().problemsWith(profile("ops-bot"), true)).extracting(FieldProblem::message)
                    .containsExactly("an agent with id ops-bot already exists");
            ws.agents().pause("OPS-BOT", "checking", "alice");
            assertThat(ws.agents().find("ops-bot").orElseThrow().status()).isEqualTo(AgentStatus.PAUSED);
            assertThat(ws.tokens().issue("Ops-Bot", java.time.Duration.ofHours(1), "alice").info().agentId())
                    .isEqualTo("ops-bot");
        }
    }

    @Test
    void theStoreRefusesASecondSpellingFromAnyWriter() throws Exception {
        try (Workspace ws = TestWorkspaces.open(dir)) {
            ws.agents().add(profile("ops-bot"), "alice");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("arbiter.db"))) {
            assertThatThrownBy(() -> insertAgent(c, "OPS-Bot")).hasMessageContaining("another letter case");
        }
    }

    @Test
    void migrationV6LowerCasesOldIdsEverywhereUnlessTwoWouldMerge() throws Exception {
        try (Workspace ws = TestWorkspaces.open(dir)) {
            ws.policies().save(SamplePolicies.GUIDE, "alice", null, true);
        }
        // a file as an older Arbiter left it: V6 not applied, ids in several cases
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("arbiter.db"));
             Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER agent_id_one_spelling");
            // made before Flyway by a runner that ran V7 and V9 but not V6 yet (numbers were handed out in parallel)
            st.execute("DROP TABLE flyway_schema_history");
            st.execute("DELETE FROM schema_version WHERE version = 6");
            insertAgent(c, "Ops-Bot");
            insertAgent(c, "Dup-Bot");
            insertAgent(c, "dup-bot");
            st.execute("INSERT INTO agent_token(id, agent_id, token_sha256, created_at, created_by, expires_at) "
                    + "VALUES ('tk1', 'Ops-Bot', 'x', '2026-01-01T00:00:00Z', 'a', '2027-01-01T00:00:00Z')");
            st.execute("INSERT INTO compliance_control(agent_id, requirement_id, status, control, recorded_by, "
                    + "recorded_at) VALUES ('Ops-Bot', 'GDPR-1', 'met', 'c', 'a', '2026-01-01T00:00:00Z')");
            st.execute("INSERT INTO kill_switch(scope, engaged, reason, actor, changed_at) "
                    + "VALUES ('Ops-Bot', 1, 'r', 'a', '2026-01-01T00:00:00Z')");
        }
        try (Workspace ws = TestWorkspaces.open(dir)) {
            assertThat(ws.agents().find("ops-bot")).isPresent();
            assertThat(ws.agents().list(null, true)).extracting(Agent::id)
                    .containsExactlyInAnyOrder("ops-bot", "Dup-Bot", "dup-bot");
            assertThat(ws.agents().find("DUP-BOT")).get().extracting(Agent::id).isEqualTo("dup-bot");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("arbiter.db"))) {
            assertThat(column(c, "SELECT agent_id FROM agent_token")).containsExactly("ops-bot");
            assertThat(column(c, "SELECT agent_id FROM compliance_control")).containsExactly("ops-bot");
            assertThat(column(c, "SELECT scope FROM kill_switch WHERE scope <> '*'")).containsExactly("ops-bot");
        }
    }

    private static void insertAgent(Connection c, String id) throws Exception {
        try (var ps = c.prepareStatement("INSERT INTO agent(id, name, owner, status, created_at, updated_at) "
                + "VALUES (?, 'n', 'o', 'active', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    private static List<String> column(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
