package dev.arbiter.desktop.tokens;

import atlantafx.base.theme.Styles;
import dev.arbiter.core.token.TokenInfo;
import dev.arbiter.desktop.common.ChoiceText;
import dev.arbiter.desktop.common.Dialogs;
import dev.arbiter.desktop.common.Feedback;
import dev.arbiter.desktop.common.Fit;
import java.time.Duration;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The tokens screen: issue (shown once, with a copy button), list with expiry warnings, revoke after asking. */
public final class TokensView extends BorderPane {

    public TokensView(TokensViewModel model) {
        getStyleClass().add("tokens-view");
        setPadding(new Insets(12));
        Label title = new Label("Agent tokens");
        title.getStyleClass().add(Styles.TITLE_3);
        Label about = new Label("An agent sends its token as “Authorization: Bearer …” to the decision gateway. "
                + "Arbiter keeps only a hash, so a token's text is shown once, when it is issued.");
        about.setWrapText(true);
        about.getStyleClass().add(Styles.TEXT_MUTED);

        ComboBox<String> agent = new ComboBox<>(model.agentIds());
        agent.setId("token-agent");
        agent.valueProperty().bindBidirectional(model.agentProperty());
        agent.setPromptText("Agent");
        agent.setAccessibleText("Agent to issue a token to");
        ComboBox<Duration> lifetime = new ComboBox<>();
        lifetime.getItems().setAll(TokensViewModel.LIFETIMES);
        lifetime.valueProperty().bindBidirectional(model.lifetimeProperty());
        lifetime.setConverter(ChoiceText.of(d -> d.toDays() >= 1 ? d.toDays() + (d.toDays() == 1 ? " day" : " days")
                : d.toHours() + (d.toHours() == 1 ? " hour" : " hours")));
        lifetime.setAccessibleText("Lifetime of the new token");
        Button issue = new Button("_Issue token");
        issue.setId("issue-token");
        issue.setMnemonicParsing(true);
        issue.setDefaultButton(true);
        issue.setOnAction(e -> model.issue());
        issue.disableProperty().bind(model.agentProperty().isNull());
        Label validFor = new Label("valid for");
        Fit.whole(agent, lifetime, issue, validFor);
        FlowPane tools = new FlowPane(8, 6, agent, validFor, lifetime, issue);
        tools.setAlignment(Pos.CENTER_LEFT);

        TextField issued = new TextField();
        issued.setId("issued-token");
        issued.setEditable(false);
        issued.textProperty().bind(model.issuedTextProperty());
        HBox.setHgrow(issued, Priority.ALWAYS);
        Button copy = new Button("_Copy");
        copy.setId("copy-token");
        copy.setMnemonicParsing(true);
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.issuedTextProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
            model.status().info("Copied. Give it to the agent now: it is not shown again.");
        });
        Button done = new Button("Done, hide it");
        done.setOnAction(e -> model.forgetIssued());
        Fit.whole(copy, done);
        Label once = new Label("Shown once: copy it now. Arbiter keeps only its hash and cannot show it again.");
        once.setWrapText(true);
        once.getStyleClass().add(Styles.WARNING);
        VBox issuedBox = new VBox(6, once, new HBox(8, issued, copy, done));
        issuedBox.getStyleClass().add("issued-token-box");
        issuedBox.visibleProperty().bind(model.issuedTextProperty().isNotEmpty());
        issuedBox.managedProperty().bind(issuedBox.visibleProperty());

        Label soon = new Label();
        soon.setId("tokens-expiring");
        soon.setWrapText(true);
        soon.getStyleClass().add(Styles.WARNING);
        soon.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = model.expiringSoonProperty().get();
            return n == 0 ? "" : n + (n == 1 ? " token expires" : " tokens expire") + " soon (in the last quarter of"
                    + " its life, at most the last day): issue the next one and give it to the agent before its"
                    + " requests are refused.";
        }, model.expiringSoonProperty()));
        soon.visibleProperty().bind(model.expiringSoonProperty().greaterThan(0));
        soon.managedProperty().bind(soon.visibleProperty());

        TableView<TokenRow> table = new TableView<>(model.rows());
        table.setId("token-table");
        Fit.wholeHeaders(table);
        table.getColumns().add(column("Agent", 170, r -> r.info().agentId()));
        table.getColumns().add(column("Token id", 130, r -> r.info().id()));
        table.getColumns().add(column("Issued", 230, TokenRow::issued));
        table.getColumns().add(column("Expires", 150, TokenRow::expires));
        table.getColumns().add(column("Last used", 230, TokenRow::lastUse));
        table.getColumns().add(column("State", 230, TokenRow::describe));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label empty = new Label();
        // with no agent registered the picker is empty: say where agents come from instead of "choose one"
        empty.textProperty().bind(Bindings.createStringBinding(() -> model.agentIds().isEmpty()
                ? "No agents yet, so no tokens. Register an agent in Policies & Agents (New agent), then come back "
                        + "here to issue its token."
                : "No tokens yet. Choose an agent above and press Issue token; "
                        + "the agent then sends it with each request.", model.agentIds()));
        empty.setWrapText(true);
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);
        VBox.setVgrow(table, Priority.ALWAYS);

        Button revoke = new Button("_Revoke…");
        revoke.setId("revoke-token");
        revoke.setMnemonicParsing(true);
        revoke.getStyleClass().add(Styles.DANGER);
        revoke.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            TokenRow r = table.getSelectionModel().getSelectedItem();
            return r == null || r.state() != TokenInfo.State.VALID;
        }, table.getSelectionModel().selectedItemProperty()));
        revoke.setOnAction(e -> {
            TokenRow r = table.getSelectionModel().getSelectedItem();
            if (r != null && Dialogs.confirm(getScene().getWindow(), "Revoke token " + r.info().id(),
                    "The agent " + r.info().agentId() + " is refused from its next request with this token. "
                            + "This cannot be undone; issue a new token to let it in again.", "Revoke")) {
                model.revoke(r);
            }
        });
        Fit.whole(revoke);
        Label status = new Label();
        status.setWrapText(true);
        status.textProperty().bind(model.status().textProperty());
        Feedback.styleAsError(status, model.status().errorProperty());
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox bottom = new HBox(10, revoke, status);
        bottom.setAlignment(Pos.CENTER_LEFT);

        VBox content = new VBox(10, title, about, tools, issuedBox, soon, table, bottom);
        setCenter(content);
    }

    private static TableColumn<TokenRow, String> column(String title, double width, Function<TokenRow, String> text) {
        TableColumn<TokenRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        return c;
    }

}
