package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.token.TokenCheck;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCliTest {

    @TempDir
    Path dir;

    @BeforeEach
    void agents() {
        try (Workspace ws = TestWorkspaces.open(dir)) {
            DemoAgents.ensure(ws);
        }
    }

    @Test
    void issuePrintsTheTokenAloneAndOnlyItsIdReachesTheLedger() {
        CliRun r = CliRun.in(dir, "token", "issue", "--agent", "support-agent-v2", "--ttl", "2h");
        assertThat(r.exitCode()).isZero();
        String token = r.out().strip();
        assertThat(r.out()).isEqualTo(token + System.lineSeparator());
        assertThat(token).startsWith("arb.").doesNotContain(" ");

        try (Workspace ws = TestWorkspaces.open(dir)) {
            assertThat(ws.tokens().check(token)).isInstanceOfSatisfying(TokenCheck.Valid.class,
                    v -> assertThat(v.info().agentId()).isEqualTo("support-agent-v2"));
            List<LedgerEntry> issued = ws.auditReader().newest(new AuditQuery(null, null, null, "token.issued", null),
                    10);
            assertThat(issued).singleElement().satisfies(e -> {
                assertThat(e.entry().agentId()).isEqualTo("support-agent-v2");
                assertThat(e.entry().actor()).startsWith("cli:");
                assertThat(e.entry().detail()).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
            });
        }
    }

    @Test
    void listShowsStateAndRevokeStopsTheToken() {
        String token = CliRun.in(dir, "token", "issue", "--agent", "refunds-agent").out().strip();
        String id = token.split("\\.")[1];

        CliRun list = CliRun.in(dir, "token", "list");
        assertThat(list.out()).contains(id).contains("refunds-agent").contains("valid").doesNotContain(token);

        CliRun revoke = CliRun.in(dir, "token", "revoke", id);
        assertThat(revoke.exitCode()).isZero();
        assertThat(revoke.out()).contains("revoked");
        assertThat(CliRun.in(dir, "token", "list").out()).contains("revoked");
        try (Workspace ws = TestWorkspaces.open(dir)) {
            assertThat(ws.tokens().check(token)).isInstanceOfSatisfying(TokenCheck.Refused.class,
                    f -> assertThat(f.reason()).isEqualTo(TokenCheck.Reason.REVOKED));
        }
        CliRun again = CliRun.in(dir, "token", "revoke", id);
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.err()).contains("already revoked");
    }

    @Test
    void unknownAgentsAndOverlongLifetimesAreRefusedWithAReason() {
        CliRun ghost = CliRun.in(dir, "token", "issue", "--agent", "ghost-agent");
        assertThat(ghost.exitCode()).isNotZero();
        assertThat(ghost.err()).contains("no agent with id ghost-agent");

        CliRun tooLong = CliRun.in(dir, "token", "issue", "--agent", "refunds-agent", "--ttl", "31d");
        assertThat(tooLong.exitCode()).isNotZero();
        assertThat(tooLong.err()).contains("30 days");
        assertThat(CliRun.in(dir, "token", "issue", "--agent", "refunds-agent", "--ttl", "soon").err())
                .contains("not a lifetime");
    }
}
