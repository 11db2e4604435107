package dev.arbiter.cli;

import dev.arbiter.core.Actor;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.vendor.VendorOverview;
import dev.arbiter.report.vendor.VendorReport;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code arbiter report vendors --out FILE.pdf}: the vendor due-diligence report. */
@Command(name = "vendors", mixinStandardHelpOptions = true,
        description = "The vendor due-diligence report: per vendor its DPA, training use, reviews, findings, the "
                + "agents using it with their models and fallbacks, and open model changes.")
final class VendorReportCommand implements Callable<Integer> {

    @Mixin WorkspaceOptions workspace;
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE.pdf", description = "File to write.")
    Path out;

    @Override
    public Integer call() {
        try (Workspace ws = workspace.open()) {
            VendorOverview o = VendorOverview.read(ws.vendors(), ws.providerPlans(), ws.modelChanges());
            new VendorReport(o, ws.clock().instant(), ZoneId.systemDefault(), Actor.current(ws.settings())).write(out);
            spec.commandLine().getOut().println("Wrote the vendor due-diligence report (" + o.evidenceLine() + ") to "
                    + out.toAbsolutePath());
            return 0;
        }
    }
}
