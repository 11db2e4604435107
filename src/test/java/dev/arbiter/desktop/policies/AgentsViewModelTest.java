package dev.arbiter.desktop.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.policy.DataClass;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.CurrentThreadTaskRunner;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.desktop.common.TestUiThread;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Agents tab's ViewModel on a real workspace, no toolkit: the test thread is the UI thread. */
class AgentsViewModelTest {

    @TempDir
    Path dir;
    Workspace ws;
    TestUiThread ui;
    AgentsViewModel model;

    @BeforeEach
    void open() {
        ws = TestWorkspaces.open(dir);
        ui = new TestUiThread();
        model = new AgentsViewModel(new DesktopContext(ws, new CurrentThreadTaskRunner(), ui));
        model.refresh();
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private void fill(String id) {
        model.newAgent();
        model.idProperty().set(id);
        model.nameProperty().set("Ticket triage");
        model.ownerProperty().set("alice@example.com");
        model.purposeProperty().set("Sorts support tickets");
        model.modelProperty().set("claude-haiku-4-5-20251001");
    }

    private Agent selected() {
        return model.selectedProperty().get();
    }

    @Test
    void anEmptyRegistrySaysSoAndAnAddedAgentIsShownThenTheMessageExpires() {
        assertThat(model.registryEmptyProperty().get()).isTrue();
        assertThat(model.agents()).isEmpty();

        fill("triage-bot");
        assertThat(model.statusLineProperty().get()).isEqualTo("New agent: it is active once saved.");
        model.save();
        assertThat(model.messageProperty().get()).isEqualTo("Added triage-bot.");
        assertThat(model.messageIsErrorProperty().get()).isFalse();
        assertThat(model.registryEmptyProperty().get()).isFalse();
        assertThat(model.agents()).extracting(Agent::id).containsExactly("triage-bot");
        assertThat(selected().id()).isEqualTo("triage-bot");
        assertThat(model.statusLineProperty().get()).isEqualTo("triage-bot · active");

        ui.advance(StatusMessage.INFO_LIFETIME);
        assertThat(model.messageProperty().get()).isEmpty();
    }

    @Test
    void fieldProblemsAreMarkedByFieldAndNothingIsSaved() {
        fill("triage-bot");
        model.dailyTokensProperty().set("lots");
        model.dailyCostProperty().set("-3");
        model.alertPercentProperty().set("120");
        model.save();
        assertThat(model.fieldErrors()).containsEntry("dailyTokens", "enter a whole number of tokens, e.g. 800000")
                .containsEntry("dailyCost", "a budget cannot be negative")
                .containsEntry("alertPercent", "enter a percentage from 1 to 100");
        assertThat(model.messageProperty().get()).isEqualTo("Fix the marked fields.");
        assertThat(model.messageIsErrorProperty().get()).isTrue();

        // the problems core finds land on their fields too
        fill("");
        model.ownerProperty().set(" ");
        model.save();
        assertThat(model.fieldErrors()).containsKeys("id", "owner");
        assertThat(ws.agents().list(null, true)).isEmpty();
    }

    @Test
    void anAgentAddedByAnotherProcessShowsUp() {
        try (Workspace other = TestWorkspaces.open(dir)) {
            other.agents().add(new AgentProfile("billing-bot", "Billing", "bob@example.com", "Answers invoices",
                    "Anthropic", "claude-haiku-4-5-20251001", "", Set.of(DataClass.FINANCIAL),
                    new DailyBudget(null, null, DailyBudget.DEFAULT_ALERT_PERCENT), null, null), "bob");
        }
        ui.runUntil(() -> model.agents().stream().anyMatch(a -> a.id().equals("billing-bot")));
        assertThat(model.registryEmptyProperty().get()).isFalse();
    }

    /** Pausing, the agent's kill switch and retiring each need a reason; a retired agent is read-only. */
    @Test
    void statusChangesNeedAReasonAndRetiringEndsEditing() {
        fill("triage-bot");
        model.save();

        model.pause(" ");
        assertThat(model.messageIsErrorProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).isEqualTo("A reason is required to pause an agent.");
        model.pause("odd refund pattern");
        assertThat(model.statusLineProperty().get()).isEqualTo("triage-bot · paused: odd refund pattern");
        model.resume("checked");
        assertThat(model.statusLineProperty().get()).isEqualTo("triage-bot · active");

        model.kill("looping");
        assertThat(model.selectedKilledProperty().get()).isTrue();
        assertThat(model.statusLineProperty().get()).endsWith(" · STOPPED by its kill switch");
        model.releaseKill("fixed");
        assertThat(model.selectedKilledProperty().get()).isFalse();

        assertThat(model.canEdit()).isTrue();
        model.retire("replaced by v3");
        assertThat(selected().isRetired()).isTrue();
        assertThat(model.canEdit()).isFalse();
        assertThat(model.agents()).isEmpty(); // retired agents are listed only when asked for
        model.showRetiredProperty().set(true);
        assertThat(model.agents()).extracting(Agent::id).containsExactly("triage-bot");
    }
}
