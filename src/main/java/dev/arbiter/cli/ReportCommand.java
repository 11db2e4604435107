package dev.arbiter.cli;

import picocli.CommandLine.Command;

/** {@code arbiter report <kind>}: PDF reports, the same files the desktop's Export buttons write. */
@Command(name = "report", description = "Write PDF reports (the same files the desktop exports).",
        subcommands = {ReadinessReportCommand.class, ReportAssessmentCommand.class,
                VendorReportCommand.class, GovernanceReportCommand.class})
final class ReportCommand {
}
