package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComplianceCommandTest {

    @TempDir
    Path dir;

    @Test
    void theMatrixListsGapsFirstAndFailsWhileThereAreAny() {
        assertThat(CliRun.in(dir, "demo").exitCode()).isZero();

        CliRun matrix = CliRun.in(dir, "compliance", "matrix");

        assertThat(matrix.exitCode()).isEqualTo(1);
        String[] lines = matrix.out().split("\n");
        assertThat(lines[0]).startsWith("AGENT").contains("GDPR", "HIPAA", "EU-AI-ACT");
        assertThat(lines[1]).startsWith("refunds-agent").contains("gap (");
        assertThat(lines[lines.length - 1]).endsWith("unmet requirements.");
    }

    @Test
    void oneAgentsRequirementsSayWhatMeetsThem() {
        CliRun.in(dir, "demo");
        CliRun details = CliRun.in(dir, "compliance", "matrix", "--agent", "support-agent-v2");
        assertThat(details.out()).contains("  gap  GDPR-ERASURE  Right to erasure is honoured - the agent touches PII "
                + "data\n");
        assertThat(details.out()).contains("  met  SOC2-ISOLATION  Isolated execution - customer-support-agent v1 "
                + "declares sandboxed execution\n");
    }
}
