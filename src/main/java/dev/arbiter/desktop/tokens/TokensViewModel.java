package dev.arbiter.desktop.tokens;

import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.agent.AgentRegistry;
import dev.arbiter.core.token.AgentTokens;
import dev.arbiter.core.token.IssuedToken;
import dev.arbiter.core.token.TokenInfo;
import dev.arbiter.core.event.Events;
import dev.arbiter.core.event.WorkspaceChanged;
import dev.arbiter.desktop.common.Dialogs;
import dev.arbiter.desktop.common.FxTicker;
import java.util.concurrent.Executor;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.desktop.common.TaskRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The agents' bearer tokens on the desktop: issue one (its text shown once), list them (agent, issued,
 * expiry, state, a warning before expiry), revoke one. The same core calls as {@code arbiter token}.
 * No scene-graph types: tests drive it with plain JUnit.
 */
public final class TokensViewModel {

    /** Lifetimes offered when issuing, as {@code arbiter token issue --ttl} accepts them. */
    public static final List<Duration> LIFETIMES = List.of(Duration.ofHours(1), Duration.ofDays(1),
            Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(90));

    private final AgentTokens tokens;
    private final AgentRegistry agents;
    private final Clock clock;
    private final Supplier<String> actor;
    private final TaskRunner runner;
    private final StatusMessage status;
    private final ObservableList<TokenRow> rows = FXCollections.observableArrayList();
    private final ObservableList<String> agentIds = FXCollections.observableArrayList();
    private final ObjectProperty<String> agent = new SimpleObjectProperty<>();
    private final ObjectProperty<Duration> lifetime = new SimpleObjectProperty<>(Duration.ofDays(30));
    private final ReadOnlyStringWrapper issuedText = new ReadOnlyStringWrapper("");
    private final IntegerProperty expiringSoon = new SimpleIntegerProperty();

    public TokensViewModel(AgentTokens tokens, AgentRegistry agents, Clock clock, Supplier<String> actor,
                           TaskRunner runner, StatusMessage status) {
        this.tokens = tokens;
        this.agents = agents;
        this.clock = clock;
        this.actor = actor;
        this.runner = runner;
        this.status = status;
    }

    // ---- state

    /** Every token, valid ones first, newest first. */
    public ObservableList<TokenRow> rows() { return rows; }
    /** Agents a token can be issued to (not retired). */
    public ObservableList<String> agentIds() { return agentIds; }
    public ObjectProperty<String> agentProperty() { return agent; }
    public ObjectProperty<Duration> lifetimeProperty() { return lifetime; }
    /** The text of the token just issued, until {@link #forgetIssued()}; empty otherwise. Shown once. */
    public ReadOnlyStringProperty issuedTextProperty() { return issuedText.getReadOnlyProperty(); }
    /** How many valid tokens are near their expiry (the screen warns). */
    public IntegerProperty expiringSoonProperty() { return expiringSoon; }
    public StatusMessage status() { return status; }

    // ---- commands

    /**
     * Reloads whenever the workspace changes, here or in another process (a token issued or revoked by the
     * CLI, a use recorded by a gateway); a burst of changes is one reload, started on {@code ui}.
     */
    public void follow(Events events, Executor ui) {
        FxTicker ticker = new FxTicker(this::refresh, ui);
        events.subscribe(WorkspaceChanged.class, e -> ticker.mark());
    }

    /** Reloads tokens and agents. */
    public void refresh() {
        runner.run(() -> new Loaded(tokens.list(), tokens.lastUses(),
                        agents.list(null, false).stream().map(Agent::id).toList()),
                loaded -> {
                    var now = clock.instant();
                    List<TokenRow> fresh = loaded.tokens().stream()
                            .map(t -> TokenRow.of(t, loaded.lastUses().get(t.id()), now))
                            .sorted(Comparator.comparing((TokenRow r) -> r.state().ordinal())
                                    .thenComparing(r -> r.info().createdAt(), Comparator.reverseOrder()))
                            .toList();
                    rows.setAll(fresh);
                    expiringSoon.set((int) fresh.stream().filter(TokenRow::expiringSoon).count());
                    if (!agentIds.equals(loaded.agents())) {
                        agentIds.setAll(loaded.agents());
                    }
                    if (agent.get() == null || !agentIds.contains(agent.get())) {
                        agent.set(agentIds.isEmpty() ? null : agentIds.get(0));
                    }
                }, failure -> status.error("Could not read the tokens: " + Dialogs.messageOf(failure)));
    }

    private record Loaded(List<TokenInfo> tokens, java.util.Map<String, java.time.Instant> lastUses,
                          List<String> agents) {
    }

    /** Issues a token to the chosen agent for the chosen lifetime; its text shows once. */
    public void issue() {
        String to = agent.get();
        Duration ttl = lifetime.get();
        if (to == null) {
            status.error("Choose an agent first (register one under Policies & Agents).");
            return;
        }
        runner.run(() -> tokens.issue(to, ttl, actor.get()), (IssuedToken issued) -> {
            issuedText.set(issued.token());
            status.info("Token " + issued.info().id() + " issued to " + to + ". Copy it now: Arbiter keeps only "
                    + "its hash and cannot show it again.");
            refresh();
        }, failure -> status.error("Could not issue a token to " + to + ": " + Dialogs.messageOf(failure)));
    }

    /** Forgets the issued token's text (the person copied it, or closed the box). */
    public void forgetIssued() {
        issuedText.set("");
    }

    /** Revokes {@code row}'s token (the view asks first); the agent's next request with it is refused. */
    public void revoke(TokenRow row) {
        if (row == null) {
            return;
        }
        runner.run(() -> tokens.revoke(row.info().id(), actor.get()), revoked -> {
            status.info("Token " + revoked.id() + " of " + revoked.agentId() + " revoked: the agent's next "
                    + "request with it is refused.");
            refresh();
        }, failure -> status.error("Could not revoke token " + row.info().id() + ": "
                + Dialogs.messageOf(failure)));
    }
}
