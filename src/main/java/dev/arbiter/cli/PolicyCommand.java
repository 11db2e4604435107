package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.decision.ActionRequest;
import dev.arbiter.core.decision.Evaluation;
import dev.arbiter.core.decision.PolicyEvaluator;
import dev.arbiter.core.decision.RequestValidator;
import dev.arbiter.core.policy.DataClass;
import dev.arbiter.core.policy.InvalidPolicyException;
import dev.arbiter.core.policy.PolicyCheck;
import dev.arbiter.core.policy.PolicySummary;
import dev.arbiter.core.policy.PolicyVersion;
import dev.arbiter.core.policy.PolicyYaml;
import dev.arbiter.core.policy.SavedPolicy;
import dev.arbiter.core.policyqa.ActivationPreview;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code arbiter policy validate|import|export|list|activate|evaluate|test|replay|shadow}. */
@Command(name = "policy", description = "Validate, import, export and activate agent policies.",
        subcommands = {PolicyCommand.Validate.class, PolicyCommand.Import.class, PolicyCommand.Export.class,
                PolicyCommand.ListPolicies.class, PolicyCommand.Activate.class, PolicyCommand.Evaluate.class,
                PolicyTestCommand.class, PolicyReplayCommand.class, PolicyShadowCommand.class})
final class PolicyCommand {

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check policy files; prints file:line:col: message for each problem and exits 1 if any.")
    static final class Validate implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Policy YAML files.")
        List<Path> files;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            boolean allValid = true;
            for (Path file : files) {
                PolicyCheck check = PolicyYaml.check(file);
                if (check.isValid()) {
                    out.println(file + ": ok (policy " + check.policy().name() + ")");
                } else {
                    allValid = false;
                    check.problems().forEach(p -> err.println(p.in(file.toString())));
                }
            }
            out.flush();
            err.flush();
            return allValid ? 0 : 1;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Save a policy file as a new version and activate it (use --draft to only save it).")
    static final class Import implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "Policy YAML file.")
        Path file;
        @Option(names = "--draft", description = "Save the new version without activating it "
                + "(a new policy's first version is always activated).")
        boolean draft;
        @Option(names = "--note", paramLabel = "TEXT", description = "Why this version (kept with it).")
        String note;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                SavedPolicy saved = ws.policies().importFile(file, CliActor.of(ws),
                        note == null ? "imported from " + file.getFileName() : note, !draft);
                PolicyVersion v = saved.version();
                spec.commandLine().getOut().println((saved.created() ? "Imported " : "Unchanged: ") + v.label()
                        + (saved.active() ? " (active)" : " (saved as a draft; activate it with: arbiter policy "
                        + "activate " + v.name() + " --version " + v.version() + ")"));
                return 0;
            } catch (InvalidPolicyException e) {
                e.problems().forEach(p -> spec.commandLine().getErr().println(p.in(file.toString())));
                spec.commandLine().getErr().println("Nothing was imported.");
                return 1;
            }
        }
    }

    @Command(name = "export",
            description = "Print a policy's YAML exactly as saved (the active version unless --version).")
    static final class Export implements Callable<Integer> {
        @Mixin HelpOption help;
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "Policy name.")
        String name;
        @Option(names = "--version", paramLabel = "N", description = "Which version (default: active, else newest).")
        Integer version;
        @Option(names = "--out", paramLabel = "FILE", description = "Write to this file instead of standard output.")
        Path out;

        @Override
        public Integer call() throws IOException {
            try (Workspace ws = workspace.open()) {
                var found = version != null ? ws.policies().version(name, version)
                        : ws.policies().active(name).or(() -> ws.policies().latest(name));
                if (found.isEmpty()) {
                    spec.commandLine().getErr().println("arbiter: " + (ws.policies().exists(name)
                            ? "policy " + name + " has no version " + version
                            : "there is no policy named " + name + " (see arbiter policy list)"));
                    return 1;
                }
                String yaml = found.get().yaml();
                if (out != null) {
                    Files.writeString(out, yaml, StandardCharsets.UTF_8);
                    spec.commandLine().getOut().println("Wrote " + found.get().label() + " to " + out.toAbsolutePath());
                } else {
                    spec.commandLine().getOut().print(yaml);
                    spec.commandLine().getOut().flush();
                }
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List policies and their versions.")
    static final class ListPolicies implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                PrintWriter out = spec.commandLine().getOut();
                List<PolicySummary> policies = ws.policies().list();
                if (policies.isEmpty()) {
                    out.println("No policies yet. Import one with: arbiter policy import FILE");
                    return 0;
                }
                TextTable table = new TextTable(List.of("NAME", "ACTIVE", "LATEST", "AGENTS"), 48, 8, 8, 8);
                for (PolicySummary p : policies) {
                    table.row(p.name(), p.activeVersion() == null ? "-" : "v" + p.activeVersion(),
                            "v" + p.latestVersion(), Integer.toString(p.agents()));
                }
                table.print(out);
                return 0;
            }
        }
    }

    @Command(name = "activate",
            description = "Put a saved version in force (an older one rolls back).")
    static final class Activate implements Callable<Integer> {
        @Mixin HelpOption help;
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "Policy name.")
        String name;
        @Option(names = "--version", required = true, paramLabel = "N", description = "Version to activate.")
        int version;
        @Option(names = "--yes", description = "Activate even when the replay of the last "
                + PREVIEW_DAYS + " days shows the version would allow something that was denied.")
        boolean yes;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                java.util.Optional<ActivationPreview> preview = preview(ws, name, version);
                if (preview.isPresent() && !confirm(preview.get(), yes, spec)) {
                    return 1;
                }
                PolicyVersion v = ws.policies().activate(name, version, CliActor.of(ws),
                        preview.map(ActivationPreview::reference).orElse(null));
                spec.commandLine().getOut().println(v.label() + " is now active.");
                return 0;
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("arbiter: " + e.getMessage());
                return 1;
            }
        }
    }

    /** Days of history an activation replays first (issue 19 §4). */
    static final int PREVIEW_DAYS = ActivationPreview.DAYS;

    /**
     * The activation preview (a replay of the last {@link #PREVIEW_DAYS} days under the version, and
     * its shadow report); empty when there is nothing in force to compare with, nothing changes, or
     * the version does not exist (activate() names the error).
     */
    private static java.util.Optional<ActivationPreview> preview(Workspace ws, String name, int version) {
        var active = ws.policies().active(name);
        if (active.isEmpty() || active.get().version() == version || ws.policies().version(name, version).isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(ActivationPreview.of(
                new dev.arbiter.core.policyqa.Replay(ws.auditReader(), ws.policies(), ws.agents()),
                new dev.arbiter.core.policyqa.ShadowReports(ws.auditReader()), name, version, ws.clock().instant()));
    }

    /**
     * Prints the preview; a version that would allow something denied needs --yes, or a "y" at the
     * terminal (without one the activation is refused, saying how to go ahead).
     */
    private static boolean confirm(ActivationPreview preview, boolean yes, CommandSpec spec) {
        PrintWriter out = spec.commandLine().getOut();
        if (preview.replay().decisions() > 0 || preview.shadow() != null) {
            preview.lines(10, TerminalText::clean).forEach(out::println);
            out.flush();
        }
        if (!preview.allowsSomethingDenied() || yes) {
            return true;
        }
        String name = preview.policy();
        int version = preview.version();
        java.io.Console console = System.console();
        if (console == null) {
            spec.commandLine().getErr().println("arbiter: " + name + " v" + version + " would allow requests that were "
                    + "denied (see WARNING above); nothing was activated. Run again with --yes to activate it anyway.");
            return false;
        }
        String answer = console.readLine("%s v%d would allow requests that were denied. Activate anyway? [y/N] ",
                name, version);
        if (answer == null || !answer.trim().equalsIgnoreCase("y")) {
            out.println("Not activated.");
            return false;
        }
        return true;
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "The policy test bench: what a policy says about one action (nothing is recorded). "
                    + "The request is checked exactly as the gateway checks it; a value it would refuse "
                    + "exits 2 naming the option.")
    static final class Evaluate implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "NAME|FILE", description = "A policy name (its active version) or a YAML file.")
        String policy;
        @Option(names = "--action", required = true, paramLabel = "VERB:RESOURCE",
                description = "The action the agent asks for, e.g. issue:refund.") String action;
        @Option(names = "--amount", paramLabel = "USD",
                description = "Money the action moves, in US dollars (checked against the policy's limits).")
        Double amount;
        @Option(names = "--data-class", paramLabel = "CLASS", split = ",",
                description = "PII, PHI, Financial, Public (repeat or comma-separate).") List<String> dataClasses;
        @Option(names = "--confidence", paramLabel = "0..1",
                description = "The agent's confidence in the action, 0 to 1 (below the policy's threshold escalates).")
        Double confidence;
        @Option(names = "--target", paramLabel = "HOST:PORT",
                description = "Network destination the action reaches (checked against allowed hosts).") String target;
        @Option(names = "--reversible", paramLabel = "true|false",
                description = "Whether the action can be undone (irreversible ones score riskier).") Boolean reversible;

        private static final java.util.Map<String, String> OPTION_OF_FIELD = java.util.Map.of("action", "--action",
                "confidence", "--confidence", "target", "--target", "context.amount_usd", "--amount");

        @Override
        public Integer call() {
            Set<DataClass> classes = EnumSet.noneOf(DataClass.class);
            for (String c : dataClasses == null ? List.<String>of() : dataClasses) {
                classes.add(DataClass.parse(c).orElseThrow(() -> new IllegalArgumentException(
                        "unknown data class " + c + "; use PII, PHI, Financial or Public")));
            }
            ActionRequest request = new ActionRequest(action, amount, classes, confidence, target, reversible);
            // the gateway's own check, so the bench never answers for a request the gateway would refuse
            var problem = RequestValidator.problemWith(request);
            if (problem.isPresent()) {
                spec.commandLine().getErr().println("arbiter: " + OPTION_OF_FIELD.getOrDefault(problem.get().field(),
                        problem.get().field()) + ": " + problem.get().message());
                return 2;
            }
            var compiled = load();
            if (compiled == null) {
                return 1;
            }
            Evaluation e = new PolicyEvaluator().evaluate(compiled, request);
            PrintWriter out = spec.commandLine().getOut();
            out.println("decision:   " + e.decision() + " (" + e.code() + ")");
            out.println("tier:       " + e.tier().wireName());
            out.println("risk score: " + e.riskScore() + " (" + e.risk().explain() + ")");
            out.println("rule:       " + e.rule());
            return 0;
        }

        private dev.arbiter.core.policy.AgentPolicy load() {
            Path file = Path.of(policy);
            if (policy.endsWith(".yaml") || policy.endsWith(".yml") || Files.isRegularFile(file)) {
                PolicyCheck check = PolicyYaml.check(file);
                check.problems().forEach(p -> spec.commandLine().getErr().println(p.in(policy)));
                return check.policy();
            }
            try (Workspace ws = workspace.open()) {
                var inForce = ws.policies().inForce(policy, null);
                if (inForce.isEmpty()) {
                    spec.commandLine().getErr().println("arbiter: there is no active policy named " + policy);
                    return null;
                }
                return inForce.get().policy();
            }
        }
    }

    /** Used by {@code agent list}: the policy an agent runs under, as text. */
    static String policyOf(Agent a) {
        if (a.profile().policyName() == null) {
            return "-";
        }
        return a.profile().policyName() + (a.profile().policyVersion() == null ? "" : " v" + a.profile().policyVersion()
                + " (pinned)");
    }
}
