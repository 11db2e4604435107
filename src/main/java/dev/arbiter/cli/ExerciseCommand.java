package dev.arbiter.cli;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.exercise.ElapsedText;
import dev.arbiter.core.exercise.Exercise;
import dev.arbiter.core.exercise.ExercisePlan;
import dev.arbiter.core.exercise.StepDone;
import dev.arbiter.core.playbook.Playbook;
import dev.arbiter.core.playbook.PlaybookLibrary;
import dev.arbiter.report.exercise.ExerciseReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code arbiter exercise plan|start|step|end|list|show|report}: tabletop exercises of the incident
 * playbooks (issue 17), every change audited.
 */
@Command(name = "exercise", description = "Tabletop exercises: plan a scenario with a playbook, start the clock,"
        + " tick steps as they are done, end with findings and a score.",
        subcommands = {ExerciseCommand.Plan.class, ExerciseCommand.Start.class, ExerciseCommand.Step.class,
                ExerciseCommand.End.class, ExerciseCommand.ListExercises.class, ExerciseCommand.Show.class,
                ExerciseCommand.Report.class})
final class ExerciseCommand {

    /** "EX-3", "ex-3" or "3". */
    static final class IdConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return RecordId.parse(value, "EX", "exercise", "arbiter exercise list");
        }
    }

    /** The parts every command on one exercise shares. */
    abstract static class OnExercise implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ID", converter = IdConverter.class,
                description = "The exercise, e.g. EX-3 or 3 (see arbiter exercise list).")
        long id;

        abstract String apply(Workspace ws, String actor);

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                spec.commandLine().getOut().println(apply(ws, CliActor.of(ws)));
                return 0;
            }
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Plan an exercise of a playbook (a copy of the playbook is kept with it).")
    static final class Plan implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "e.g. runaway-cost-loop (arbiter playbook"
                + " list).") String playbook;
        @Option(names = "--scenario", required = true, paramLabel = "TEXT",
                description = "The scenario's title, e.g. \"Refund loop on a Friday night\".") String scenario;
        @Option(names = "--participant", required = true, split = ",", paramLabel = "NAME",
                description = "Who takes part (repeat, or separate with commas).") List<String> participants;
        @Option(names = "--facilitator", required = true, paramLabel = "NAME", description = "Who leads it.")
        String facilitator;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                PlaybookLibrary.Source s = ws.playbooks().source(playbook);
                Exercise e = ws.exercises().plan(new ExercisePlan(scenario, participants, facilitator), s.file(),
                        s.yaml(), CliActor.of(ws));
                spec.commandLine().getOut().println("Planned EX-" + e.id() + ": " + e.scenario() + " ("
                        + e.playbook().id() + ", " + e.playbook().steps().size() + " steps, "
                        + e.playbook().injects().size() + " injects); start it with: arbiter exercise start "
                        + e.id());
                return 0;
            }
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start the exercise's clock now.")
    static final class Start extends OnExercise {
        String apply(Workspace ws, String actor) {
            Exercise e = ws.exercises().start(id, actor);
            return "Started EX-" + e.id() + " at " + e.startedAt() + "; tick steps with: arbiter exercise step "
                    + e.id() + " N --by NAME";
        }
    }

    @Command(name = "step", mixinStandardHelpOptions = true,
            description = "Record that a playbook step was done now, and by whom.")
    static final class Step extends OnExercise {
        @Parameters(index = "1", paramLabel = "N", description = "The step number (from 1).") int step;
        @Option(names = "--by", required = true, paramLabel = "NAME",
                description = "The participant (or facilitator) who did it.") String by;
        @Option(names = "--note", paramLabel = "TEXT", description = "What was done.") String note;

        String apply(Workspace ws, String actor) {
            Exercise e = ws.exercises().completeStep(id, step, by, note, actor);
            StepDone d = e.step(step).orElseThrow();
            return "Step " + step + " of EX-" + e.id() + " done by " + d.doneBy() + " at "
                    + ElapsedText.of(d.after(e.startedAt())) + " (" + result(e, step) + ").";
        }
    }

    @Command(name = "end", mixinStandardHelpOptions = true, description = "End the exercise with its findings.")
    static final class End extends OnExercise {
        @Option(names = "--findings", required = true, paramLabel = "TEXT", description = "What the exercise"
                + " taught (gaps, people unreachable, steps unclear).") String findings;

        String apply(Workspace ws, String actor) {
            Exercise e = ws.exercises().end(id, findings, actor);
            return "Ended EX-" + e.id() + " after " + ElapsedText.of(e.elapsed(e.endedAt())) + ": "
                    + e.scoreAt(e.endedAt()).summary();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every exercise, newest first.")
    static final class ListExercises implements Callable<Integer> {
        @Mixin WorkspaceOptions workspace;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (Workspace ws = workspace.open()) {
                PrintWriter out = spec.commandLine().getOut();
                List<Exercise> all = ws.exercises().list();
                if (all.isEmpty()) {
                    out.println("No exercises yet; plan one with: arbiter exercise plan PLAYBOOK --scenario TEXT"
                            + " --participant NAME --facilitator NAME");
                    return 0;
                }
                Instant now = ws.clock().instant();
                TextTable table = new TextTable(List.of("ID", "STATUS", "CLOCK", "SCORE", "PLAYBOOK", "SCENARIO"),
                        7, 8, 8, 6, 24, 50);
                for (Exercise e : all) {
                    table.row("EX-" + e.id(), e.status().key(), ElapsedText.of(e.elapsed(now)),
                            e.score().map(s -> s + " %").orElse("—"), e.playbook().id(), e.scenario());
                }
                table.print(out);
                out.println(ws.exercises().evidence().summary());
                return 0;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One exercise: clock, injects due, steps done, score and findings.")
    static final class Show extends OnExercise {
        String apply(Workspace ws, String actor) {
            Exercise e = ws.exercises().get(id);
            Instant now = ws.clock().instant();
            StringBuilder b = new StringBuilder();
            b.append("EX-").append(e.id()).append(" ").append(e.scenario()).append(" (").append(e.status().key())
                    .append(")\n");
            b.append("  playbook:     ").append(e.playbook().name()).append(" (").append(e.playbook().id()).append(")\n");
            b.append("  facilitator:  ").append(e.facilitator()).append("\n");
            b.append("  participants: ").append(String.join(", ", e.participants())).append("\n");
            b.append("  clock:        ").append(ElapsedText.of(e.elapsed(now))).append("\n");
            b.append("  score:        ").append(e.scoreAt(now).summary()).append("\n");
            b.append("Injects:\n");
            List<Playbook.Inject> due = e.injectsDue(now);
            for (Playbook.Inject i : e.playbook().injects()) {
                b.append("  ").append(ElapsedText.of(i.at())).append(due.contains(i) ? "  " : "  (not yet) ")
                        .append(due.contains(i) ? i.event() : "").append("\n");
            }
            b.append("Steps:\n");
            for (int n = 1; n <= e.playbook().steps().size(); n++) {
                Playbook.Step s = e.playbook().steps().get(n - 1);
                Optional<StepDone> d = e.step(n);
                b.append("  ").append(n).append(". [").append(d.isPresent() ? "x" : " ").append("] ").append(s.text())
                        .append(" [").append(s.role()).append(s.within().map(w -> ", within " + ElapsedText.of(w))
                                .orElse("")).append("]")
                        .append(d.map(x -> " — " + x.doneBy() + " at " + ElapsedText.of(x.after(e.startedAt()))
                                + " (" + result(e, x.step()) + ")").orElse("")).append("\n");
            }
            if (!e.findings().isBlank()) {
                b.append("Findings: ").append(e.findings()).append("\n");
            }
            return b.toString().stripTrailing();
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true, description = "Write the exercise report as a PDF.")
    static final class Report extends OnExercise {
        @Option(names = "--out", required = true, paramLabel = "FILE.pdf", description = "File to write.") Path out;

        String apply(Workspace ws, String actor) {
            Exercise e = ws.exercises().get(id);
            new ExerciseReport(e, ws.clock().instant(), ZoneId.systemDefault()).write(out);
            return "Wrote the report of EX-" + e.id() + " to " + out.toAbsolutePath();
        }
    }

    /** "in time", "late" or "done" (no target) for a step that was done. */
    static String result(Exercise e, int step) {
        StepDone d = e.step(step).orElseThrow();
        return e.playbook().steps().get(step - 1).within()
                .map(w -> d.after(e.startedAt()).compareTo(w) <= 0 ? "in time" : "late").orElse("done");
    }
}
