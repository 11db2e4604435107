package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyReplayCommandTest {

    @TempDir
    Path dir;

    /** A workspace where the support agent was refused issue:refund, and a saved v2 that allows it. */
    private void history() {
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            DemoAgents.ensure(ws);
            for (String action : new String[] {"read:order_history", "issue:refund", "write:payment_info"}) {
                ws.decisions().decide(DecisionRequest.of(DemoAgents.SUPPORT, action)
                        .withTarget(DemoAgents.TARGETS.get(DemoAgents.SUPPORT))).join();
            }
            String yaml = ws.policies().active("customer-support-agent").orElseThrow().yaml()
                    .replace("    - create:support_ticket", "    - create:support_ticket\n    - issue:refund");
            ws.policies().save(yaml, "tester", "laxer", false);
        }
    }

    @Test
    void replayReproducesTheRecordedVersionsAndWarnsOfAWouldBeAllow() {
        history();
        CliRun same = CliRun.in(dir, "policy", "replay", "customer-support-agent");
        assertThat(same.exitCode()).as(same.out() + same.err()).isZero();
        assertThat(same.out()).contains("Replayed 3 recorded decisions").contains("No decision would change.");

        CliRun candidate = CliRun.in(dir, "policy", "replay", "customer-support-agent", "--version", "2");
        assertThat(candidate.exitCode()).as(candidate.out() + candidate.err()).isEqualTo(3);
        assertThat(candidate.out()).contains("1 would change: allow->deny 0, deny->allow 1")
                .contains("WARNING: would allow what was denied").contains("issue:refund")
                .contains("was deny/").contains("NOT_ALLOWED, now allow/");

        Path changes = dir.resolve("changes.jsonl");
        CliRun full = CliRun.in(dir, "policy", "replay", "customer-support-agent", "--version", "2", "--changes",
                changes.toString());
        assertThat(full.exitCode()).as(full.out() + full.err()).isEqualTo(3);
        assertThat(full.out()).contains("Wrote 1 changed decision to " + changes);
        assertThat(readLines(changes)).singleElement().satisfies(line -> assertThat(line)
                .contains("\"action\":\"issue:refund\"").contains("\"kind\":\"deny_to_allow\"")
                .contains("\"was\":{\"decision\":\"deny\"").contains("\"now\":{\"decision\":\"allow\""));

        CliRun unwritable = CliRun.in(dir, "policy", "replay", "customer-support-agent", "--version", "2",
                "--changes", dir.resolve("no-such-dir").resolve("x.jsonl").toString());
        assertThat(unwritable.exitCode()).isEqualTo(1);
        assertThat(unwritable.err()).contains("cannot write").contains("no-such-dir").doesNotContain("Exception");

        CliRun unknown = CliRun.in(dir, "policy", "replay", "customer-support-agent", "--version", "9");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("customer-support-agent has no version 9");
    }

    private static java.util.List<String> readLines(Path file) {
        try {
            return java.nio.file.Files.readAllLines(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void activatingAVersionThatAllowsWhatWasDeniedNeedsYesWithoutATerminal() {
        history();
        CliRun refused = CliRun.in(dir, "policy", "activate", "customer-support-agent", "--version", "2");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).contains("WARNING: would allow what was denied");
        assertThat(refused.err()).contains("nothing was activated").contains("--yes");
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            assertThat(ws.policies().active("customer-support-agent").orElseThrow().version()).isEqualTo(1);
        }

        CliRun yes = CliRun.in(dir, "policy", "activate", "customer-support-agent", "--version", "2", "--yes");
        assertThat(yes.exitCode()).as(yes.out() + yes.err()).isZero();
        assertThat(yes.out()).contains("customer-support-agent v2 is now active.");

        // rolling back to v1 would deny what v2 allows: shown, no confirmation needed
        CliRun back = CliRun.in(dir, "policy", "activate", "customer-support-agent", "--version", "1");
        assertThat(back.exitCode()).as(back.out() + back.err()).isZero();
    }
}
