package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.FieldProblem;
import dev.arbiter.core.vendor.AgentProviderPlan;
import dev.arbiter.core.vendor.FallbackBehaviour;
import dev.arbiter.core.vendor.InvalidVendorException;
import dev.arbiter.core.vendor.RiskRating;
import dev.arbiter.core.vendor.TrainingUse;
import dev.arbiter.core.vendor.Vendor;
import dev.arbiter.core.vendor.VendorAssessment;
import dev.arbiter.core.vendor.VendorDetails;
import dev.arbiter.core.vendor.VendorFinding;
import dev.arbiter.core.vendor.VendorKind;
import dev.arbiter.core.vendor.VendorOverview;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code arbiter vendor add|list|show|edit|remove|fallback}: the vendor register (issue 17). */
@Command(name = "vendor", description = "The vendor register: LLM, tool and platform providers, their DPAs, "
        + "reviews and risk, and each agent's plan for a provider outage.",
        subcommands = {VendorCommand.Add.class, VendorCommand.ListVendors.class, VendorCommand.Show.class,
                VendorCommand.Edit.class, VendorCommand.Remove.class, VendorCommand.Fallback.class})
final class VendorCommand {

    /** Form field names as the options spell them, for error messages. */
    private static final Map<String, String> OPTION = Map.ofEntries(Map.entry("id", "--id"),
            Map.entry("name", "NAME"), Map.entry("kind", "--kind"), Map.entry("dpaSigned", "--dpa-date"),
            Map.entry("dpaFile", "--dpa-file"), Map.entry("residency", "--residency"),
            Map.entry("certifications", "--cert"), Map.entry("contact", "--contact"),
            Map.entry("reviewDue", "--review-due"), Map.entry("notes", "--notes"));

    static final class DateConverter implements ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return LocalDate.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + value + "' is not a date; write YYYY-MM-DD, e.g. 2026-03-31");
            }
        }
    }

    static final class KindConverter implements ITypeConverter<VendorKind> {
        @Override
        public VendorKind convert(String value) {
            return VendorKind.parse(value).orElseThrow(() -> new IllegalArgumentException("'" + value
                    + "' is not a vendor kind; use llm, tool or platform"));
        }
    }

    static final class TrainingConverter implements ITypeConverter<TrainingUse> {
        @Override
        public TrainingUse convert(String value) {
            return TrainingUse.parse(value).orElseThrow(() -> new IllegalArgumentException("'" + value
                    + "': say yes, no or unknown"));
        }
    }

    static final class RiskConverter implements ITypeConverter<RiskRating> {
        @Override
        public RiskRating convert(String value) {
            return RiskRating.parse(value).orElseThrow(() -> new IllegalArgumentException("'" + value
                    + "' is not a rating; use low, medium or high"));
        }
    }

    /** The register fields as options, shared by add and edit; null means "not given". */
    static class Fields {
        @Option(names = "--kind", paramLabel = "KIND", converter = KindConverter.class,
                description = "llm, tool or platform.") VendorKind kind;
        @Option(names = "--dpa-date", paramLabel = "YYYY-MM-DD", converter = DateConverter.class,
                description = "When the data processing agreement was signed.") LocalDate dpaDate;
        @Option(names = "--dpa-file", paramLabel = "REF", description = "Where the signed DPA is kept (path, link, "
                + "document number).") String dpaFile;
        @Option(names = "--training", paramLabel = "yes|no|unknown", converter = TrainingConverter.class,
                description = "May the vendor use customer data for training?") TrainingUse training;
        @Option(names = "--residency", paramLabel = "TEXT", description = "Where data is stored and processed, "
                + "e.g. \"EU (Frankfurt)\".") String residency;
        @Option(names = "--cert", split = ",", paramLabel = "CERT", description = "Certifications, e.g. "
                + "\"SOC 2 Type II\",\"ISO 27001\" (repeat or comma-separate).") List<String> certifications;
        @Option(names = "--contact", paramLabel = "TEXT", description = "Who to contact at the vendor.") String contact;
        @Option(names = "--review-due", paramLabel = "YYYY-MM-DD", converter = DateConverter.class,
                description = "When the next due-diligence review is due.") LocalDate reviewDue;
        @Option(names = "--risk", paramLabel = "low|medium|high", converter = RiskConverter.class,
                description = "Your rating; the effective rating is never below the rule's.") RiskRating risk;
        @Option(names = "--notes", paramLabel = "TEXT", description = "Free notes.") String notes;

        VendorDetails over(VendorDetails d, String id, String name) {
            return new VendorDetails(id, name, kind != null ? kind : d.kind(), dpaDate != null ? dpaDate
                    : d.dpaSigned(), dpaFile != null ? dpaFile : d.dpaFile(), training != null ? training
                    : d.training(), residency != null ? residency : d.residency(), certifications != null
                    ? certifications : d.certifications(), contact != null ? contact : d.contact(),
                    reviewDue != null ? reviewDue : d.reviewDue(), risk != null ? risk : d.assessedRisk(),
                    notes != null ? notes : d.notes());
        }
    }

    static int refused(CommandSpec spec, InvalidVendorException e) {
        for (FieldProblem p : e.problems()) {
            spec.commandLine().getErr().println("arbiter: " + OPTION.getOrDefault(p.field(), p.field()) + ": "
                    + p.message());
        }
        return 1;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a vendor to the register.")
    static final class Add implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "The vendor's name, e.g. Anthropic.") String name;
        @Option(names = "--id", paramLabel = "KEY", description = "Short key agents name it by (default: from the "
                + "name, e.g. anthropic).") String id;
        @Mixin Fields fields = new Fields();

        @Override
        public Integer call() {
            if (fields.kind == null) {
                spec.commandLine().getErr().println("arbiter: --kind: say what the vendor provides: llm, tool or "
                        + "platform");
                return 2;
            }
            VendorDetails d = fields.over(VendorDetails.named("", name, fields.kind), id, name);
            try (Workspace ws = workspace.open()) {
                Vendor v = ws.vendors().add(d, CliActor.of(ws));
                VendorAssessment a = ws.vendors().assess(v);
                spec.commandLine().getOut().println("Added vendor " + v.name() + " (" + v.id() + "), risk "
                        + a.rating().label() + (a.findings().isEmpty() ? "." : "; " + a.findings().size()
                        + " findings: arbiter vendor show " + v.id()));
                return 0;
            } catch (InvalidVendorException e) {
                return refused(spec, e);
            }
        }
    }

    @Command(name = "edit", mixinStandardHelpOptions = true,
            description = "Change a vendor's fields (only the options given change).")
    static final class Edit implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "VENDOR", description = "The vendor's key or name.") String vendor;
        @Option(names = "--name", paramLabel = "TEXT", description = "A new name.") String name;
        @Option(names = "--no-dpa", description = "Clear the DPA (date and file).") boolean noDpa;
        @Option(names = "--no-review", description = "Clear the review date.") boolean noReview;
        @Mixin Fields fields = new Fields();

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                VendorDetails before = ws.vendors().get(vendor).details();
                VendorDetails d = fields.over(before, before.id(), name != null ? name : before.name());
                if (noDpa || noReview) {
                    d = new VendorDetails(d.id(), d.name(), d.kind(), noDpa ? null : d.dpaSigned(), noDpa ? ""
                            : d.dpaFile(), d.training(), d.residency(), d.certifications(), d.contact(),
                            noReview ? null : d.reviewDue(), d.assessedRisk(), d.notes());
                }
                Vendor v = ws.vendors().update(d, CliActor.of(ws));
                spec.commandLine().getOut().println("Saved vendor " + v.name() + " (" + v.id() + "), risk "
                        + ws.vendors().assess(v).rating().label() + ".");
                return 0;
            } catch (InvalidVendorException e) {
                return refused(spec, e);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List vendors with their rating and findings (overdue reviews flagged).")
    static final class ListVendors implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                PrintWriter out = spec.commandLine().getOut();
                VendorOverview o = VendorOverview.read(ws.vendors(), ws.providerPlans(), ws.modelChanges());
                if (o.dossiers().isEmpty()) {
                    out.println("No vendors yet. Add one with: arbiter vendor add NAME --kind llm --dpa-date "
                            + "YYYY-MM-DD --dpa-file REF --training no");
                    return 0;
                }
                TextTable table = new TextTable(List.of("KEY", "NAME", "KIND", "RISK", "DPA", "REVIEW", "AGENTS",
                        "FINDINGS"), 24, 30, 8, 6, 10, 22, 6, 80);
                o.dossiers().forEach(d -> {
                    VendorDetails x = d.vendor().details();
                    boolean overdue = d.assessment().has(VendorFinding.Kind.REVIEW_OVERDUE);
                    table.row(x.id(), x.name(), x.kind().label(), d.assessment().rating().label(),
                            x.hasDpa() ? x.dpaSigned().toString() : "none",
                            x.reviewDue() == null ? "not planned" : x.reviewDue() + (overdue ? " OVERDUE" : ""),
                            String.valueOf(d.agents().size()), String.valueOf(d.assessment().findings().size()));
                });
                table.print(out);
                out.println(o.evidenceLine());
                return 0;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "A vendor's fields, findings and the agents that use it.")
    static final class Show implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "VENDOR", description = "The vendor's key or name.") String vendor;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                PrintWriter out = spec.commandLine().getOut();
                Vendor v = ws.vendors().get(vendor);
                VendorOverview o = VendorOverview.read(ws.vendors(), ws.providerPlans(), ws.modelChanges());
                var dossier = o.dossiers().stream().filter(d -> d.vendor().id().equals(v.id())).findFirst()
                        .orElseThrow();
                VendorDetails x = v.details();
                out.println(x.name() + " (" + x.id() + "), " + x.kind().label());
                out.println("  Risk:            " + dossier.assessment().rating().label()
                        + (x.assessedRisk() == null ? " (by rule)" : " (rule " + dossier.assessment().ruleRating()
                        .label() + ", assessed " + x.assessedRisk().label() + ")"));
                out.println("  DPA:             " + (x.hasDpa() ? "signed " + x.dpaSigned() + ", " + x.dpaFile()
                        : "none"));
                out.println("  Training use:    " + x.training().label());
                out.println("  Data residency:  " + (x.residency().isEmpty() ? "-" : x.residency()));
                out.println("  Certifications:  " + (x.certifications().isEmpty() ? "-"
                        : String.join(", ", x.certifications())));
                out.println("  Contact:         " + (x.contact().isEmpty() ? "-" : x.contact()));
                out.println("  Next review:     " + (x.reviewDue() == null ? "not planned" : x.reviewDue()));
                if (!x.notes().isEmpty()) {
                    out.println("  Notes:           " + TerminalText.clean(x.notes()));
                }
                out.println(dossier.assessment().findings().isEmpty() ? "No findings." : "Findings:");
                dossier.assessment().findings().forEach(f -> out.println("  - " + f.text()));
                out.println(dossier.agents().isEmpty() ? "No agent uses it." : "Agents:");
                for (AgentProviderPlan p : dossier.agents()) {
                    out.println("  - " + p.agent().id() + ": " + p.pinnedModel() + ", fallback "
                            + (p.fallbackModel().isEmpty() ? "none" : p.fallbackModel()) + "; when down: "
                            + p.fallbackDescription() + " (" + p.strategy().label() + ")");
                }
                dossier.openChanges().forEach(r -> out.println("  open change #" + r.id() + ": " + r.summary()
                        + " (" + r.status().label() + ")"));
                return 0;
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a vendor no agent uses any more (audited).")
    static final class Remove implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "VENDOR", description = "The vendor's key or name.") String vendor;
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (recorded in the "
                + "ledger).") String reason;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                ws.vendors().remove(vendor, reason, CliActor.of(ws));
                spec.commandLine().getOut().println("Removed vendor " + vendor + ".");
                return 0;
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("arbiter: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "fallback", mixinStandardHelpOptions = true,
            description = "Record what an agent does while its provider is down (queue, notify or rules).")
    static final class Fallback implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "AGENT", description = "The agent's id.") String agent;
        @Option(names = "--behaviour", required = true, paramLabel = "queue|notify|rules",
                description = "queue actions, notify humans, or a rule-based fallback.") String behaviour;
        @Option(names = "--detail", paramLabel = "TEXT", description = "Whom to notify, or which rules take over.")
        String detail;
        @Option(names = "--fallback-vendor", paramLabel = "VENDOR", description = "The vendor of the agent's "
                + "fallback model when it is another provider.") String fallbackVendor;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                AgentProviderPlan p = ws.providerPlans().setFallback(agent, FallbackBehaviour.of(behaviour, detail),
                        fallbackVendor, CliActor.of(ws));
                spec.commandLine().getOut().println(p.agent().id() + ": when the provider is down, "
                        + p.fallbackDescription() + " (" + p.strategy().label() + ").");
                return 0;
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("arbiter: " + e.getMessage());
                return 1;
            }
        }
    }
}
