package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.policy.SamplePolicies;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCommandTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void validatePassesGoodFilesAndNamesEveryProblemOfBadOnes() throws Exception {
        Path good = file("good.yaml", SamplePolicies.GUIDE);
        Path bad = file("bad.yaml", SamplePolicies.GUIDE.replace("sandbox: true", "sandbx: true")
                .replace("escalations_per_hour: 10", "escalations_per_hour: -10"));

        CliRun ok = CliRun.of("policy", "validate", good.toString());
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).isEqualTo(good + ": ok (policy customer-support-agent)\n");

        CliRun failed = CliRun.of("policy", "validate", good.toString(), bad.toString());
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err()).isEqualTo(
                bad + ":15:27: rate_limits.escalations_per_hour must not be negative (it is -10)\n"
                        + bad + ":16:3: unknown key \"sandbx\" in agent_policy; did you mean \"sandbox\"?\n");
    }

    @Test
    void validateReportsAMissingFile() {
        CliRun run = CliRun.of("policy", "validate", dir.resolve("nope.yaml").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(dir.resolve("nope.yaml") + ":1:1: no such file\n");
    }

    @Test
    void validateRefusesAHugeFileByItsSize() throws Exception {
        Path huge = dir.resolve("huge.yaml");
        Files.write(huge, new byte[10 * 1024 * 1024]);
        CliRun run = CliRun.of("policy", "validate", huge.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(":1:1: the file is 10.0 MB; a policy file may be at most 1.0 MB");
    }

    @Test
    void importThenExportGivesBackTheFileExactly() throws Exception {
        Path data = dir.resolve("ws");
        Path policy = file("support.yaml", SamplePolicies.GUIDE);

        CliRun imported = CliRun.in(data, "policy", "import", policy.toString());
        assertThat(imported.exitCode()).isZero();
        assertThat(imported.out()).isEqualTo("Imported customer-support-agent v1 (active)\n");

        CliRun exported = CliRun.in(data, "policy", "export", "customer-support-agent");
        assertThat(exported.exitCode()).isZero();
        assertThat(exported.out()).isEqualTo(SamplePolicies.GUIDE);
    }

    @Test
    void draftsWaitForActivationAndOldVersionsCanBeExported() throws Exception {
        Path data = dir.resolve("ws");
        CliRun.in(data, "policy", "import", file("v1.yaml", SamplePolicies.GUIDE).toString());
        String v2 = SamplePolicies.GUIDE.replace("actions_per_minute: 30", "actions_per_minute: 5");

        CliRun draft = CliRun.in(data, "policy", "import", "--draft", file("v2.yaml", v2).toString());
        assertThat(draft.out()).isEqualTo("Imported customer-support-agent v2 (saved as a draft; activate it with: "
                + "arbiter policy activate customer-support-agent --version 2)\n");
        assertThat(CliRun.in(data, "policy", "export", "customer-support-agent").out())
                .isEqualTo(SamplePolicies.GUIDE);
        assertThat(CliRun.in(data, "policy", "export", "customer-support-agent", "--version", "2").out()).isEqualTo(v2);
        assertThat(CliRun.in(data, "policy", "list").out()).containsPattern("customer-support-agent +v1 +v2");

        assertThat(CliRun.in(data, "policy", "activate", "customer-support-agent", "--version", "2").out())
                .isEqualTo("customer-support-agent v2 is now active.\n");
        assertThat(CliRun.in(data, "policy", "export", "customer-support-agent").out()).isEqualTo(v2);
    }

    @Test
    void anInvalidImportStoresNothing() throws Exception {
        Path data = dir.resolve("ws");
        Path bad = dir.resolve("bom.yaml");
        Files.write(bad, ("\uFEFF" + SamplePolicies.GUIDE).getBytes(StandardCharsets.UTF_8));

        CliRun run = CliRun.in(data, "policy", "import", bad.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(bad + ":1:1: the file starts with a byte-order mark (BOM); save it as UTF-8 "
                + "without BOM\nNothing was imported.\n");
        assertThat(CliRun.in(data, "policy", "list").out()).startsWith("No policies yet.");
    }

    @Test
    void exportOfAnUnknownPolicyFails() {
        CliRun run = CliRun.in(dir.resolve("ws"), "policy", "export", "ghost");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("arbiter: there is no policy named ghost (see arbiter policy list)\n");
    }

    @Test
    void evaluateShowsTheVerdictTierScoreAndRule() throws Exception {
        Path refunds = file("refunds-agent.yaml", SamplePolicies.text("refunds-agent.yaml"));
        CliRun run = CliRun.of("policy", "evaluate", refunds.toString(), "--action", "issue:refund",
                "--amount", "1450", "--data-class", "Financial", "--confidence", "0.9",
                "--target", "payments-api.internal:443");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("decision:   pending (PENDING_APPROVAL)\ntier:       gated\n");
    }
}
