package dev.arbiter.desktop.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.token.TokenCheck;
import dev.arbiter.core.token.TokenInfo;
import dev.arbiter.desktop.common.CurrentThreadTaskRunner;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.desktop.common.TestUiThread;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain JUnit on a real workspace; no toolkit. */
class TokensViewModelTest {

    @TempDir
    Path dir;
    Workspace workspace;
    TokensViewModel model;

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.open(dir);
        DemoAgents.ensure(workspace);
        model = new TokensViewModel(workspace.tokens(), workspace.agents(), workspace.clock(), () -> "alice",
                new CurrentThreadTaskRunner(), new StatusMessage((delay, task) -> { }));
        model.refresh();
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    @Test
    void issuesATokenThatWorksAndShowsItsTextOnlyUntilForgotten() {
        assertThat(model.agentIds()).contains(DemoAgents.REFUNDS);
        model.agentProperty().set(DemoAgents.REFUNDS);
        model.lifetimeProperty().set(Duration.ofDays(7));
        model.issue();

        String text = model.issuedTextProperty().get();
        assertThat(text).isNotBlank();
        assertThat(workspace.tokens().check(text)).isInstanceOf(TokenCheck.Valid.class);
        assertThat(model.rows()).singleElement().satisfies(row -> {
            assertThat(row.info().agentId()).isEqualTo(DemoAgents.REFUNDS);
            assertThat(row.state()).isEqualTo(TokenInfo.State.VALID);
            assertThat(row.expiringSoon()).isFalse();
            assertThat(row.describe()).startsWith("valid · ");
        });
        assertThat(model.status().textProperty().get()).contains("cannot show it again");
        assertThat(model.rows().get(0).toString()).doesNotContain(text);

        model.forgetIssued();
        assertThat(model.issuedTextProperty().get()).isEmpty();
    }

    @Test
    void revokingListsTheTokenAsRevokedAndAudits() {
        model.agentProperty().set(DemoAgents.SUPPORT);
        model.issue();
        TokenRow row = model.rows().get(0);
        model.revoke(row);
        assertThat(model.rows()).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(TokenInfo.State.REVOKED);
            assertThat(r.describe()).startsWith("revoked by alice");
        });
        model.revoke(row);   // twice: refused with a message, nothing thrown
        assertThat(model.status().errorProperty().get()).isTrue();
        assertThat(model.status().textProperty().get()).contains("already revoked");
    }

    @Test
    void warnsInTheLastQuarterOfATokensLifeAndAtMostADayAhead() {
        Instant issued = Instant.parse("2026-11-30T10:00:00Z");
        TokenInfo hour = new TokenInfo("t1", "a", issued, "alice", issued.plus(Duration.ofHours(1)), null, null);
        assertThat(TokenRow.of(hour, issued.plus(Duration.ofMinutes(44))).expiringSoon()).isFalse();
        assertThat(TokenRow.of(hour, issued.plus(Duration.ofMinutes(46))).expiringSoon()).isTrue();
        assertThat(TokenRow.of(hour, issued.plus(Duration.ofMinutes(46))).describe()).isEqualTo("expires in 14 min");
        assertThat(TokenRow.of(hour, issued.plus(Duration.ofMinutes(61))).expiringSoon()).isFalse();
        assertThat(TokenRow.of(hour, issued.plus(Duration.ofMinutes(61))).describe())
                .isEqualTo("expired 2026-11-30 11:00 UTC");

        TokenInfo quarter = new TokenInfo("t2", "a", issued, "alice", issued.plus(Duration.ofDays(90)), null, null);
        Instant expiry = quarter.expiresAt();
        assertThat(TokenRow.of(quarter, expiry.minus(Duration.ofHours(25))).expiringSoon()).isFalse();
        assertThat(TokenRow.of(quarter, expiry.minus(Duration.ofHours(23))).expiringSoon()).isTrue();
    }

    @Test
    void issuingWithoutAnAgentSaysWhatToDo() {
        model.agentProperty().set(null);
        model.issue();
        assertThat(model.status().errorProperty().get()).isTrue();
        assertThat(model.status().textProperty().get()).contains("Choose an agent");
        assertThat(model.rows()).isEmpty();
    }

    /** Issue 20 "never stale": a token issued or revoked by another process (the CLI) shows here. */
    @Test
    void followsTokensIssuedAndRevokedByAnotherProcess() {
        TestUiThread ui = new TestUiThread();
        model.follow(workspace.events(), ui);
        assertThat(model.rows()).isEmpty();
        String id;
        try (Workspace other = TestWorkspaces.open(dir)) {
            id = other.tokens().issue(DemoAgents.REFUNDS, Duration.ofDays(7), "bob").info().id();
        }
        ui.runUntil(() -> model.rows().size() == 1);
        try (Workspace other = TestWorkspaces.open(dir)) {
            other.tokens().revoke(id, "bob");
        }
        ui.runUntil(() -> model.rows().get(0).state() == TokenInfo.State.REVOKED);
    }
}
