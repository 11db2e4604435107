package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17: {@code arbiter exercise …} from planning to the PDF, with refusals a person can act on. */
class ExerciseCommandTest {

    @TempDir
    Path data;

    @Test
    void anExerciseRunsFromPlanToEndAndItsReportReadsBack() throws Exception {
        assertThat(CliRun.in(data, "exercise", "list").out()).contains("No exercises yet; plan one with");
        CliRun plan = CliRun.in(data, "exercise", "plan", "runaway-cost-loop", "--scenario", "Refund loop on Friday",
                "--participant", "Alice,Bob", "--participant", "Fin", "--facilitator", "Fay");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("Planned EX-1: Refund loop on Friday (runaway-cost-loop, 6 steps, 4 injects)");

        CliRun early = CliRun.in(data, "exercise", "step", "EX-1", "1", "--by", "Alice");
        assertThat(early.exitCode()).isEqualTo(1);
        assertThat(early.err()).isEqualTo("arbiter: Exercise 1 is planned and cannot have steps ticked: start it"
                + " first (arbiter exercise start 1)\n");

        assertThat(CliRun.in(data, "exercise", "start", "ex-1").out()).contains("Started EX-1");
        CliRun step = CliRun.in(data, "exercise", "step", "1", "1", "--by", "alice", "--note", "paused billing-bot");
        assertThat(step.out()).startsWith("Step 1 of EX-1 done by Alice at 00:0").contains("(in time)");
        assertThat(CliRun.in(data, "exercise", "step", "1", "2", "--by", "Mallory").err())
                .isEqualTo("arbiter: by: 'Mallory' is not taking part in exercise 1; name one of Alice, Bob, Fin,"
                        + " Fay\n");
        assertThat(CliRun.in(data, "exercise", "step", "1", "9", "--by", "Bob").err())
                .contains("step: runaway-cost-loop has steps 1 to 6 (got 9)");
        assertThat(CliRun.in(data, "exercise", "step", "1", "3", "--by", "Fay").exitCode()).isZero();

        CliRun show = CliRun.in(data, "exercise", "show", "1");
        assertThat(show.out()).contains("EX-1 Refund loop on Friday (running)", "1. [x] Pause the agent",
                "— Alice at 00:0", "2. [ ] Freeze the ledger range", "00:00  The budget alert fires",
                "03:00  (not yet)");

        assertThat(CliRun.in(data, "exercise", "end", "1").err()).contains("--findings");
        CliRun end = CliRun.in(data, "exercise", "end", "1", "--findings", "Finance could not be reached");
        assertThat(end.out()).contains("Ended EX-1", "2 of 6 steps in time, 0 late, 4 missed: 33 %");
        assertThat(CliRun.in(data, "exercise", "list").out()).contains("EX-1", "ended", "33 %",
                "1 tabletop exercise completed, latest ", "score 33 %");
        assertThat(CliRun.in(data, "exercise", "step", "1", "4", "--by", "Bob").err()).contains("ended at",
                "is locked; plan a new exercise");

        Path pdf = data.resolve("ex-1.pdf");
        assertThat(CliRun.in(data, "exercise", "report", "1", "--out", pdf.toString()).exitCode()).isZero();
        assertThat(text(pdf)).contains("Tabletop exercise report", "Refund loop on Friday", "Score 33 %",
                "2 of 6 steps in time, 0 late, 4 missed", "Alice, Bob, Fin", "Pause the agent so no further calls",
                "paused billing-bot", "in time", "missed", "Scenario injects", "The budget alert fires",
                "Finance could not be reached");
    }

    @Test
    void badInputNamesTheFieldAndWritesNothing() {
        assertThat(CliRun.in(data, "exercise", "plan", "no-such", "--scenario", "s", "--participant", "a",
                "--facilitator", "f").err()).contains("there is no playbook 'no-such'; there are cascading-failure");
        assertThat(CliRun.in(data, "exercise", "plan", "runaway-cost-loop", "--scenario", " ", "--participant", "a",
                "--facilitator", "f").err()).isEqualTo("arbiter: scenario: required\n");
        assertThat(CliRun.in(data, "exercise", "start", "EX-x").err()).contains("'EX-x' is not an exercise id");
        assertThat(CliRun.in(data, "exercise", "show", "7").err())
                .isEqualTo("arbiter: exercise: there is no exercise 7 (arbiter exercise list shows them)\n");
        assertThat(CliRun.in(data, "exercise", "list").out()).contains("No exercises yet");
    }

    static String text(Path pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
