package dev.arbiter.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.LedgerEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyRegistryTest {

    @TempDir
    Path dir;
    Workspace workspace;
    PolicyRegistry policies;

    static final String V1 = PolicyYamlTest.GUIDE;
    static final String V2 = V1.replace("actions_per_minute: 30", "actions_per_minute: 20");

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.open(dir);
        policies = workspace.policies();
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private List<String> events() {
        return workspace.auditReader().newest(AuditQuery.all(), 100).stream()
                .map(LedgerEntry::entry).map(e -> e.event() + " " + e.detail())
                .collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), l -> {
                    java.util.Collections.reverse(l);
                    return l;
                }));
    }

    @Test
    void theFirstSaveOfANewPolicyIsVersionOneAndActive() {
        SavedPolicy saved = policies.save(V1, "alice", "from the guide", false);

        assertThat(saved.created()).isTrue();
        assertThat(saved.active()).isTrue();
        assertThat(saved.version().label()).isEqualTo("customer-support-agent v1");
        assertThat(policies.active("customer-support-agent")).get().extracting(PolicyVersion::yaml).isEqualTo(V1);
        assertThat(events()).containsExactly(
                "policy.saved {\"name\":\"customer-support-agent\",\"version\":1,\"sha256\":\""
                        + saved.version().sha256() + "\",\"note\":\"from the guide\"}",
                "policy.activated {\"name\":\"customer-support-agent\",\"version\":1,\"sha256\":\""
                        + saved.version().sha256() + "\",\"previous\":null}");
    }

    @Test
    void savingAgainCreatesANewVersionThatWaitsForActivation() {
        policies.save(V1, "alice", null, false);
        SavedPolicy second = policies.save(V2, "bob", "tighter rate limit", false);

        assertThat(second.version().version()).isEqualTo(2);
        assertThat(second.active()).isFalse();
        assertThat(policies.inForce("customer-support-agent", null)).get()
                .extracting(f -> f.policy().rateLimits().actionsPerMinute()).isEqualTo(30);
        assertThat(policies.list()).singleElement().satisfies(s -> {
            assertThat(s.activeVersion()).isEqualTo(1);
            assertThat(s.latestVersion()).isEqualTo(2);
            assertThat(s.hasDraft()).isTrue();
        });

        policies.activate("customer-support-agent", 2, "carol");

        assertThat(policies.inForce("customer-support-agent", null)).get()
                .extracting(f -> f.policy().rateLimits().actionsPerMinute()).isEqualTo(20);
        assertThat(events()).last().asString().startsWith("policy.activated {\"name\":\"customer-support-agent\","
                + "\"version\":2,\"sha256\":\"" + second.version().sha256() + "\",\"previous\":1}");
    }

    @Test
    void savingUnchangedTextCreatesNoVersion() {
        policies.save(V1, "alice", null, false);
        SavedPolicy again = policies.save(V1, "alice", null, false);

        assertThat(again.created()).isFalse();
        assertThat(again.version().version()).isEqualTo(1);
        assertThat(policies.versions("customer-support-agent")).hasSize(1);
        assertThat(events()).hasSize(2);
    }

    @Test
    void activatingAnOlderVersionIsARollback() {
        SavedPolicy first = policies.save(V1, "alice", null, false);
        policies.save(V2, "alice", null, true);

        policies.activate("customer-support-agent", 1, "bob");

        assertThat(policies.active("customer-support-agent")).get().extracting(PolicyVersion::version).isEqualTo(1);
        assertThat(events()).last().asString()
                .isEqualTo("policy.rolled_back {\"name\":\"customer-support-agent\",\"version\":1,\"sha256\":\""
                        + first.version().sha256() + "\",\"previous\":2}");
        assertThat(policies.versions("customer-support-agent")).extracting(PolicyVersion::version)
                .containsExactly(2, 1);
    }

    @Test
    void activatingAVersionThatDoesNotExistSaysWhichOnesDo() {
        policies.save(V1, "alice", null, false);
        assertThatThrownBy(() -> policies.activate("customer-support-agent", 7, "bob"))
                .hasMessage("Policy customer-support-agent has no version 7 (its versions are 1 to 1).");
        assertThatThrownBy(() -> policies.activate("nope", 1, "bob"))
                .hasMessage("There is no policy named nope.");
    }

    @Test
    void invalidTextStoresNothing() {
        assertThatThrownBy(() -> policies.save(V1.replace("sandbox", "sandbx"), "alice", null, false))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("16:3: unknown key \"sandbx\" in agent_policy; did you mean \"sandbox\"?");
        byte[] withBom = ("\uFEFF" + V1).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> policies.importFile(withBom, "alice", null, true))
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("byte-order mark");

        assertThat(policies.list()).isEmpty();
        assertThat(workspace.auditReader().count(AuditQuery.all())).isZero();
    }

    @Test
    void storedVersionsCannotBeChangedEvenWithSql() throws SQLException {
        policies.save(V1, "alice", null, false);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("arbiter.db"));
             Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("UPDATE policy_version SET yaml = 'x'"))
                    .hasMessageContaining("policy versions are immutable");
            assertThatThrownBy(() -> st.executeUpdate("DELETE FROM policy_version"))
                    .hasMessageContaining("policy versions are immutable");
        }
    }

    @Test
    void aDiffShowsTheChangedLineSideBySide() {
        policies.save(V1, "alice", null, false);
        policies.save(V2 + "  confidence_threshold: 0.8\n", "alice", null, false);

        PolicyDiff diff = policies.diff("customer-support-agent", 1, 2);

        assertThat(diff.rows()).filteredOn(r -> r.kind() != PolicyDiff.Kind.SAME).containsExactly(
                new PolicyDiff.Row(PolicyDiff.Kind.CHANGED, 14, "    actions_per_minute: 30",
                        14, "    actions_per_minute: 20"),
                new PolicyDiff.Row(PolicyDiff.Kind.ADDED, 0, null, 20, "  confidence_threshold: 0.8"));
        assertThat(diff.rows()).hasSize(20);
    }

    @Test
    void aPinnedVersionStaysInForceAfterANewerOneIsActivated() {
        policies.save(V1, "alice", null, false);
        policies.save(V2, "alice", null, true);

        PolicyInForce pinned = policies.inForce("customer-support-agent", 1).orElseThrow();
        assertThat(pinned.pinned()).isTrue();
        assertThat(pinned.policy().rateLimits().actionsPerMinute()).isEqualTo(30);
        assertThat(policies.inForce("customer-support-agent", null).orElseThrow().label())
                .isEqualTo("customer-support-agent v2");
        assertThat(policies.inForce("nope", null)).isEmpty();
    }
}
