package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.playbook.Playbook;
import dev.arbiter.core.playbook.PlaybookCodec;
import dev.arbiter.core.playbook.PlaybookLibrary;
import dev.arbiter.core.playbook.PlaybookProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code arbiter playbook list|show|validate}: the incident playbooks (YAML in the data directory). */
@Command(name = "playbook", description = "Incident playbooks: YAML files in the data directory's playbooks/ folder.",
        subcommands = {PlaybookCommand.ListPlaybooks.class, PlaybookCommand.Show.class,
                PlaybookCommand.Validate.class})
final class PlaybookCommand {

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The playbooks (the folder is created with the defaults on first use) and any problems.")
    static final class ListPlaybooks implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                PlaybookLibrary.Loaded loaded = ws.playbooks().load();
                PrintWriter out = spec.commandLine().getOut();
                TextTable table = new TextTable(List.of("ID", "STEPS", "NAME"), 30, 5, 60);
                for (Playbook p : loaded.playbooks()) {
                    table.row(p.id(), Integer.toString(p.steps().size()), p.name());
                }
                table.print(out);
                out.println("Folder: " + ws.playbooks().folder());
                for (PlaybookProblem problem : loaded.problems()) {
                    spec.commandLine().getErr().println(problem);
                }
                return loaded.problems().isEmpty() ? 0 : 1;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One playbook's trigger, roles and steps.")
    static final class Show implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ID", description = "e.g. runaway-cost-loop.") String id;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                Playbook p = ws.playbooks().get(id);
                PrintWriter out = spec.commandLine().getOut();
                out.println(p.name() + " (" + p.id() + ")");
                out.println("  trigger: " + p.trigger());
                out.println("  roles:   " + String.join(", ", p.roles()));
                for (int n = 0; n < p.steps().size(); n++) {
                    Playbook.Step s = p.steps().get(n);
                    out.println("  " + (n + 1) + ". " + s.text() + " [" + s.role() + "]"
                            + s.action().map(a -> " → " + a.how()).orElse(""));
                }
                return 0;
            }
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check playbook files: file:line:col: message for each problem (exit 1 if any).")
    static final class Validate implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Playbook YAML files.") List<Path> files;

        @Override
        public Integer call() {
            int problems = 0;
            for (Path f : files) {
                String text;
                try {
                    text = Files.readString(f, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    spec.commandLine().getErr().println(f + ": cannot read: " + e.getMessage());
                    problems++;
                    continue;
                }
                PlaybookCodec.Result r = PlaybookCodec.parse(f.toString(), text);
                for (PlaybookProblem p : r.problems()) {
                    spec.commandLine().getErr().println(p);
                }
                problems += r.problems().size();
                r.playbook().ifPresent(p -> spec.commandLine().getOut().println(f + ": ok (" + p.id() + ", "
                        + p.steps().size() + " steps)"));
            }
            return problems == 0 ? 0 : 1;
        }
    }
}
