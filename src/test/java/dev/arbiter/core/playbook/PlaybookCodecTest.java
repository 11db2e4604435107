package dev.arbiter.core.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Playbooks as data: the shipped defaults read cleanly, and every problem is named at its line and column. */
class PlaybookCodecTest {

    @TempDir
    Path dir;

    @Test
    void theSixDefaultsAreSeededOnceAndReadCleanly() throws Exception {
        PlaybookLibrary library = new PlaybookLibrary(dir.resolve("playbooks"));
        PlaybookLibrary.Loaded loaded = library.load();
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.playbooks()).extracting(Playbook::id)
                .containsExactlyInAnyOrderElementsOf(PlaybookLibrary.DEFAULTS);
        assertThat(library.get("runaway-cost-loop").steps().get(0).action()).contains(PlaybookAction.PAUSE_AGENT);

        // editable: a user's change stays, a deleted default is not brought back
        Files.delete(library.folder().resolve("cascading-failure.yaml"));
        Path mine = library.folder().resolve("runaway-cost-loop.yaml");
        Files.writeString(mine, Files.readString(mine).replace("name: Runaway cost loop", "name: Cost spike"));
        assertThat(library.load().playbooks()).hasSize(5);
        assertThat(library.get("runaway-cost-loop").name()).isEqualTo("Cost spike");
    }

    @Test
    void problemsNameLineAndColumn() {
        String text = """
                playbook:
                  id: Bad Id
                  name: x
                  trigger: y
                  roles: [lead]
                  steps:
                    - do: Pause it
                      role: owner
                      action: pause-agnet
                    - do: Something
                  colour: red
                """;
        PlaybookCodec.Result r = PlaybookCodec.parse("p.yaml", text);
        assertThat(r.playbook()).isEmpty();
        assertThat(r.problems()).extracting(PlaybookProblem::toString).contains(
                "p.yaml:2:7: id: use lower-case letters, digits and '-', e.g. runaway-cost-loop",
                "p.yaml:8:13: role 'owner' is not among the playbook's roles (lead)",
                "p.yaml:11:3: unknown key 'colour' in playbook; the keys are id, name, trigger, roles, steps, injects",
                "p.yaml:10:7: a step needs 'do' (what to do) and 'role' (who does it)");
        assertThat(r.problems()).anyMatch(p -> p.line() == 9 && p.column() == 15
                && p.message().startsWith("unknown action 'pause-agnet'; use one of pause-agent"));
    }

    @Test
    void syntaxErrorsAndAliasesAreProblemsNotCrashes() {
        assertThat(PlaybookCodec.parse("a.yaml", "playbook:\n  id: [x\n").problems().get(0).line()).isGreaterThan(1);
        String bomb = "a: &a [x, x]\nb: &b [*a, *a]\nplaybook: *b\n";
        assertThat(PlaybookCodec.parse("b.yaml", bomb).problems()).isNotEmpty();
    }

    @Property(tries = 300)
    void anyTextYieldsAPlaybookOrProblemsNeverAnException(@ForAll String text) {
        PlaybookCodec.Result r = PlaybookCodec.parse("f.yaml", text);
        assertThat(r.playbook().isPresent()).isNotEqualTo(!r.problems().isEmpty());
        assertThat(r.problems()).allMatch(p -> p.line() >= 1 && p.column() >= 1);
    }
}
