package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code arbiter audit retention}: each record class's floor shown and set, a floor under six months refused. */
class AuditRetentionCliTest {

    @TempDir
    Path data;

    @Test
    void floorsAreShownPerClassAndOneUnderSixMonthsIsRefusedNamingTheClass() {
        CliRun shown = CliRun.in(data, "audit", "retention");
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("decisions").contains("approvals").contains("policy-changes")
                .contains("incidents").contains("system").contains("180 days");

        CliRun refused = CliRun.in(data, "audit", "retention", "--floor", "approvals=90");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("approvals and sign-offs").contains("180 days");

        CliRun unknown = CliRun.in(data, "audit", "retention", "--floor", "chats=400");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no record class chats");

        CliRun set = CliRun.in(data, "audit", "retention", "--floor", "policy-changes=400");
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).containsPattern("policy-changes +400 days");
        assertThat(CliRun.in(data, "audit", "retention").out()).containsPattern("policy-changes +400 days")
                .containsPattern("decisions +180 days");
    }
}
