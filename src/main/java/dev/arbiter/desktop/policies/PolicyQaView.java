package dev.arbiter.desktop.policies;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;

/**
 * The policy QA tab: the test cases (typed, or opened from {@code NAME.tests.yaml}) on the left,
 * each case's pass or fail with the reason and the untested entries on the right, the shadow
 * report below. The cases run again 400 ms after the last keystroke in them, and whenever the
 * editor's policy was checked again.
 */
final class PolicyQaView {

    private static final Duration DEBOUNCE = Duration.millis(400);

    private final VBox root;

    PolicyQaView(PolicyQaViewModel vm, javafx.beans.value.ObservableValue<?> checkedPolicy) {
        TextArea tests = new TextArea();
        tests.setId("qa-tests");
        tests.setPromptText("policy_tests:\n  agent: my-agent\n  cases:\n    - name: reads a profile\n"
                + "      request: {action: read:customer_profile}\n      expect: {decision: allow}");
        tests.textProperty().bindBidirectional(vm.testsProperty());
        PauseTransition debounce = new PauseTransition(DEBOUNCE);
        debounce.setOnFinished(e -> vm.run());
        tests.textProperty().addListener((o, a, b) -> debounce.playFromStart());
        checkedPolicy.addListener((o, a, b) -> vm.run());

        Button open = new Button("_Open tests file…");
        open.setMnemonicParsing(true);
        open.setOnAction(e -> openFile(tests, vm));

        Label summary = new Label();
        summary.setId("qa-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summaryProperty());
        vm.failingProperty().addListener((o, a, b) -> summary.setStyle(b ? "-fx-text-fill: -color-danger-fg;" : ""));
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(vm.runningProperty());
        HBox top = new HBox(8, open, progress, summary);
        HBox.setHgrow(summary, Priority.ALWAYS);

        ListView<PolicyQaViewModel.CaseRow> cases = new ListView<>(vm.cases());
        cases.setId("qa-cases");
        cases.setPlaceholder(new Label("Results of the cases appear here."));
        cases.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(PolicyQaViewModel.CaseRow row, boolean empty) {
                super.updateItem(row, empty);
                setWrapText(true);
                setText(empty || row == null ? null : (row.passed() ? "PASS  " : "FAIL  ") + row.name() + " — "
                        + row.detail());
            }
        });
        ListView<String> uncovered = new ListView<>(vm.uncovered());
        uncovered.setId("qa-uncovered");
        uncovered.setPlaceholder(new Label("No coverage gaps to show."));
        Label coverageTitle = new Label("Untested entries (coverage)");
        VBox right = new VBox(6, new Label("Cases"), cases, coverageTitle, uncovered);
        VBox.setVgrow(cases, Priority.ALWAYS);
        SplitPane split = new SplitPane(tests, right);
        split.setDividerPositions(0.45);

        Label shadow = new Label();
        shadow.setId("qa-shadow");
        shadow.setWrapText(true);
        shadow.textProperty().bind(vm.shadowProperty());

        Button full = new Button("Full shadow _report…");
        full.setId("qa-shadow-full");
        full.setMnemonicParsing(true);
        full.disableProperty().bind(vm.shadowReportProperty().isNull());
        full.setOnAction(e -> ReportDialog.show(full.getScene().getWindow(), "Shadow report", vm.shadowReportLines()));
        root = new VBox(8, top, split, new HBox(8, new Label("Shadow report"), full), shadow);
        root.setPadding(new Insets(10));
        VBox.setVgrow(split, Priority.ALWAYS);
    }

    private static void openFile(TextArea tests, PolicyQaViewModel vm) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a policy test file");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Policy tests", "*.tests.yaml", "*.yaml"));
        java.io.File file = chooser.showOpenDialog(tests.getScene().getWindow());
        if (file == null) {
            return;
        }
        try {
            tests.setText(Files.readString(Path.of(file.getPath()), StandardCharsets.UTF_8));
        } catch (IOException e) {
            vm.summaryProperty().set("Could not read " + file + ": " + e.getMessage());
        }
    }

    Node node() {
        return root;
    }
}
