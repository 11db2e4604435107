package dev.arbiter.cli;

import dev.arbiter.core.Actor;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.metrics.GovernanceReview;
import dev.arbiter.core.metrics.MetricsWording;
import dev.arbiter.report.metrics.GovernanceReviewReport;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code arbiter report governance [--month 2026-11] --out FILE.pdf}: the monthly governance review. */
@Command(name = "governance", mixinStandardHelpOptions = true,
        description = "The monthly governance review for a board: escalations vs autonomous actions, mean time to "
                + "detect, false-positive rate and incidents with their trend over the months before, each agent's "
                + "balance of outcomes, reviewers with rubber-stamp warnings, open alerts and incidents.")
final class GovernanceReportCommand implements Callable<Integer> {

    @Mixin WorkspaceOptions workspace;
    @Spec CommandSpec spec;

    @Option(names = "--month", paramLabel = "YYYY-MM", description = "The month (UTC); default: this month.")
    String month;

    @Option(names = "--out", required = true, paramLabel = "FILE.pdf", description = "File to write.")
    Path out;

    @Override
    public Integer call() {
        YearMonth m = MonthArgument.parse(month);
        if (m.isAfter(YearMonth.now(ZoneOffset.UTC))) {
            throw new IllegalArgumentException("--month " + m + " has not begun yet (this month is "
                    + YearMonth.now(ZoneOffset.UTC) + ")");
        }
        try (Workspace ws = workspace.open()) {
            GovernanceReview review = ws.metrics().review(m);
            new GovernanceReviewReport(review, ZoneId.systemDefault(), Actor.current(ws.settings())).write(out);
            spec.commandLine().getOut().println("Wrote the governance review of " + MetricsWording.month(m)
                    + " to " + out.toAbsolutePath());
            return 0;
        }
    }
}
