package dev.arbiter.desktop.assessment;

import dev.arbiter.core.assessment.Assessment;
import dev.arbiter.core.assessment.AssessmentStatus;
import dev.arbiter.core.assessment.Decision;
import dev.arbiter.core.assessment.Review;
import dev.arbiter.core.assessment.ReviewKind;
import dev.arbiter.core.assessment.Risk;
import dev.arbiter.core.assessment.RiskException;
import dev.arbiter.core.assessment.Verdict;
import dev.arbiter.desktop.common.Dialogs;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The approval block of the template: the three reviews with reviewer, date
 * and comment, exceptions for residual risks above the tolerance, and what
 * still stands in the way of review or approval.
 */
final class SignOffPane extends VBox {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneId.systemDefault());

    private final AssessmentEditorViewModel vm;
    private final GridPane reviews = new GridPane();
    private final VBox exceptions = new VBox(6);
    private final VBox checklist = new VBox(4);
    private final Label checklistTitle = sectionTitle("");
    private final Label decision = new Label();
    private final Label policy = new Label();

    SignOffPane(AssessmentEditorViewModel vm) {
        this.vm = vm;
        getStyleClass().add("sign-off");
        setSpacing(6);
        setPadding(new Insets(12));
        reviews.setHgap(8);
        reviews.setVgap(8);
        policy.getStyleClass().add("hint");
        policy.setWrapText(true);
        decision.setWrapText(true);
        getChildren().addAll(sectionTitle("Reviews"), reviews, sectionTitle("Exceptions"), policy, exceptions,
                checklistTitle, checklist, decision);
        vm.assessmentProperty().addListener((o, was, now) -> refresh());
        vm.latestProperty().addListener(o -> refresh());
        vm.toleranceProperty().addListener(o -> refresh());
        vm.aboveToleranceProperty().addListener((ListChangeListener<Risk>) c -> refreshExceptions());
        vm.problemsBeforeReviewProperty().addListener((ListChangeListener<String>) c -> refreshChecklist());
        vm.blockersToApprovalProperty().addListener((ListChangeListener<String>) c -> refreshChecklist());
        refresh();
    }

    private static Label sectionTitle(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    private boolean reviewable() {
        Assessment a = vm.assessmentProperty().get();
        return a != null && vm.latestProperty().get() && a.status() == AssessmentStatus.IN_REVIEW;
    }

    private void refresh() {
        refreshReviews();
        refreshExceptions();
        refreshChecklist();
        Assessment a = vm.assessmentProperty().get();
        Decision d = a == null ? null : a.decision();
        if (d == null) {
            decision.setText("");
        } else {
            decision.setText((d.approved() ? "Final approval: approved by " : "Rejected by ") + d.decidedBy() + " on "
                    + DATE.format(d.decidedAt()) + (d.comment() == null || d.comment().isBlank() ? "." : ": "
                    + d.comment()) + (a.nextReviewDate() != null ? "  Next re-assessment due " + a.nextReviewDate()
                    + "." : ""));
        }
    }

    private void refreshReviews() {
        reviews.getChildren().clear();
        Assessment a = vm.assessmentProperty().get();
        int row = 0;
        for (ReviewKind kind : ReviewKind.values()) {
            Optional<Review> review = a == null ? Optional.empty() : a.review(kind);
            Label title = new Label(kind.label());
            title.setMinWidth(150);
            Label state = new Label(review.map(SignOffPane::describe).orElse("Not recorded"));
            state.getStyleClass().add(review.map(r -> r.passed() ? "ok" : "problem").orElse("hint"));
            state.setWrapText(true);
            GridPane.setHgrow(state, Priority.ALWAYS);
            reviews.add(title, 0, row);
            reviews.add(state, 1, row);
            if (reviewable()) {
                TextField reviewer = new TextField();
                reviewer.setPromptText("Reviewer name");
                reviewer.setAccessibleText(kind.label() + " reviewer");
                reviewer.setId("reviewer-" + kind.name().toLowerCase(Locale.ROOT));
                reviewer.setPrefColumnCount(14);
                TextField comment = new TextField();
                comment.setPromptText("Comment (required for a fail)");
                comment.setAccessibleText(kind.label() + " comment");
                comment.setPrefColumnCount(24);
                Button pass = new Button("Pass");
                pass.setId("pass-" + kind.name().toLowerCase(Locale.ROOT));
                pass.setMinWidth(Region.USE_PREF_SIZE);
                pass.setOnAction(e -> record(kind, Verdict.PASS, reviewer.getText(), comment.getText()));
                Button fail = new Button("Fail");
                fail.setMinWidth(Region.USE_PREF_SIZE);
                fail.setOnAction(e -> record(kind, Verdict.FAIL, reviewer.getText(), comment.getText()));
                HBox inputs = new HBox(6, reviewer, comment, pass, fail);
                HBox.setHgrow(comment, Priority.ALWAYS);
                row++;
                reviews.add(inputs, 1, row);
            }
            row++;
        }
    }

    static String describe(Review r) {
        return (r.passed() ? "\u2714 Pass" : "\u2716 Fail") + " \u2014 " + r.reviewer() + ", "
                + DATE.format(r.reviewedAt()) + (r.comment().isBlank() ? "" : ": " + r.comment());
    }

    private void record(ReviewKind kind, Verdict verdict, String reviewer, String comment) {
        if (Dialogs.confirm(getScene().getWindow(), kind.label() + ": " + verdict.label(),
                "Record the " + kind.label().toLowerCase(Locale.ROOT) + " as " + verdict.label().toUpperCase(Locale.ROOT)
                        + " by " + (reviewer.isBlank() ? "(no name)" : reviewer.strip())
                        + "? It is written to the audit ledger.", "Record " + verdict.label())) {
            vm.recordReview(kind, verdict, reviewer, comment);
        }
    }

    private void refreshExceptions() {
        exceptions.getChildren().clear();
        Assessment a = vm.assessmentProperty().get();
        String tolerance = vm.toleranceProperty().get().label().toLowerCase(Locale.ROOT);
        policy.setText("Residual risks above " + tolerance + " need an accepted exception before final approval"
                + " (the tolerance is set in the list's footer).");
        List<Risk> above = vm.aboveToleranceProperty();
        if (a == null || above.isEmpty()) {
            exceptions.getChildren().add(new Label("No residual risk is above " + tolerance + "."));
            return;
        }
        for (Risk risk : above) {
            RatingChip chip = new RatingChip();
            chip.setRating(risk.residual());
            Optional<RiskException> accepted = a.exceptionFor(risk.category());
            Label text = new Label(risk.category() + ": " + accepted.map(x -> "exception accepted by "
                    + x.acceptedBy() + " on " + DATE.format(x.acceptedAt()) + ": " + x.justification())
                    .orElse("no exception yet"));
            text.setWrapText(true);
            HBox line = new HBox(8, chip, text);
            if (accepted.isEmpty() && reviewable()) {
                Button accept = new Button("Accept exception\u2026");
                accept.setOnAction(e -> acceptException(risk));
                line.getChildren().add(accept);
            }
            exceptions.getChildren().add(line);
        }
    }

    private void acceptException(Risk risk) {
        TextInputDialog dialog = new TextInputDialog();
        dialog.initOwner(getScene().getWindow());
        dialog.setTitle("Accept exception");
        dialog.setHeaderText("Accept residual risk '" + risk.category() + "' (" + risk.residual().describe() + ", "
                + risk.residual().band().label() + ")");
        dialog.setContentText("Justification:");
        dialog.showAndWait().ifPresent(reason -> vm.acceptException(risk.category(), reason));
    }

    private void refreshChecklist() {
        checklist.getChildren().clear();
        Assessment a = vm.assessmentProperty().get();
        if (a == null || !vm.latestProperty().get()) {
            checklistTitle.setText("");
            return;
        }
        List<String> items;
        if (a.status() == AssessmentStatus.DRAFT) {
            checklistTitle.setText("Before submitting for review");
            items = vm.problemsBeforeReviewProperty();
        } else if (a.status() == AssessmentStatus.IN_REVIEW) {
            checklistTitle.setText("Before final approval");
            items = vm.blockersToApprovalProperty();
        } else {
            checklistTitle.setText("");
            return;
        }
        if (items.isEmpty()) {
            Label ok = new Label("\u2714 Nothing missing.");
            ok.getStyleClass().add("ok");
            checklist.getChildren().add(ok);
        }
        for (String item : items) {
            Label l = new Label("\u2022 " + item);
            l.getStyleClass().add("problem");
            l.setWrapText(true);
            checklist.getChildren().add(l);
        }
    }
}
