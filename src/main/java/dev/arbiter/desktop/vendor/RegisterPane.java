package dev.arbiter.desktop.vendor;

import atlantafx.base.theme.Styles;
import dev.arbiter.core.vendor.RiskRating;
import dev.arbiter.core.vendor.TrainingUse;
import dev.arbiter.core.vendor.VendorKind;
import dev.arbiter.desktop.common.ChoiceText;
import dev.arbiter.desktop.common.Fit;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The register tab: the vendors with their facts and risk, and the form to add or edit one. */
final class RegisterPane extends SplitPane {

    /** The narrowest the form beside the table gets, in pixels: its longest label and a field a date fits in. */
    private static final double FORM_FLOOR = 340;

    RegisterPane(VendorsViewModel model) {
        TableView<VendorRow> table = new TableView<>(model.vendorRows());
        table.setId("vendor-table");
        Fit.wholeHeaders(table);
        Fit.wholeCells(table);
        table.getColumns().add(Columns.text("Vendor", 130, r -> r.details().name()));
        table.getColumns().add(Columns.text("Kind", 70, r -> r.details().kind().label()));
        table.getColumns().add(Columns.text("Risk", 70, VendorRow::risk));
        table.getColumns().add(Columns.text("Person's rating", 110, VendorRow::personsRating));
        table.getColumns().add(Columns.text("Review due", 150, VendorRow::review));
        table.getColumns().add(Columns.text("Agents", 70, VendorRow::agents));
        // the details are in the form beside the table once a vendor is chosen (and in the due-diligence
        // PDF): they come last and may scroll out sideways; the findings line names what is missing
        for (TableColumn<VendorRow, String> detail : List.<TableColumn<VendorRow, String>>of(
                Columns.text("DPA", 200, VendorRow::dpa),
                Columns.text("Trains on customer data", 160, VendorRow::training),
                Columns.text("Residency", 140, (VendorRow r) -> r.details().residency()),
                Columns.text("Certifications", 180, VendorRow::certifications),
                Columns.text("Contact", 180, (VendorRow r) -> r.details().contact()))) {
            detail.getStyleClass().add(Fit.SECONDARY);
            table.getColumns().add(detail);
        }
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(VendorRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("vendor-overdue");
                setTooltip(null);
                if (!empty && row != null) {
                    if (row.reviewOverdue()) {
                        getStyleClass().add("vendor-overdue");
                    }
                    if (!row.findings().isEmpty()) {
                        setTooltip(new Tooltip(row.findings()));
                    }
                }
            }
        });
        Label empty = new Label("No vendors yet. Fill in the form on the right (name, kind, DPA…) and press Save; "
                + "agents name their vendor by its name or key.");
        empty.setWrapText(true);
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, row) -> model.edit(row));

        Label findings = new Label();
        findings.setId("vendor-findings");
        findings.setWrapText(true);
        findings.textProperty().bind(Bindings.createStringBinding(() -> {
            VendorRow r = table.getSelectionModel().getSelectedItem();
            return r == null ? "" : r.details().name() + " is " + r.risk() + " risk. " + r.findings()
                    .replace("\n", " ");
        }, table.getSelectionModel().selectedItemProperty(), model.vendorRows()));
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox left = new VBox(8, table, findings);
        Fit.primaryColumnsInView(table, left);

        getItems().addAll(left, form(model, table));
        setDividerPositions(0.62);
        Fit.keepMinimums(this);
    }

    private Node form(VendorsViewModel model, TableView<VendorRow> table) {
        VendorForm f = model.form();
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.getColumnConstraints().addAll(new ColumnConstraints(), new ColumnConstraints(120, 220, Double.MAX_VALUE,
                Priority.ALWAYS, javafx.geometry.HPos.LEFT, true));
        int row = 0;
        TextField name = field("vendor-name", f.name, "e.g. Anthropic");
        grid.addRow(row++, label("_Name", name), name);
        TextField key = field("vendor-key", f.id, "from the name when empty");
        key.disableProperty().bind(f.adding.not());
        grid.addRow(row++, label("_Key", key), key);
        ComboBox<VendorKind> kind = choice("vendor-kind", VendorKind.values(), f.kind, VendorKind::label);
        grid.addRow(row++, label("K_ind", kind), kind);
        TextField signed = field("vendor-dpa-signed", f.dpaSigned, "YYYY-MM-DD; empty without a DPA");
        grid.addRow(row++, label("_DPA signed", signed), signed);
        TextField file = field("vendor-dpa-file", f.dpaFile, "where the signed copy is kept");
        grid.addRow(row++, label("DPA _file", file), file);
        ComboBox<TrainingUse> training = choice("vendor-training", TrainingUse.values(), f.training,
                TrainingUse::label);
        grid.addRow(row++, label("_Trains on customer data", training), training);
        TextField residency = field("vendor-residency", f.residency, "e.g. EU (Frankfurt)");
        grid.addRow(row++, label("Re_sidency", residency), residency);
        TextField certs = field("vendor-certifications", f.certifications, "comma-separated, e.g. SOC 2 Type II");
        grid.addRow(row++, label("_Certifications", certs), certs);
        TextField contact = field("vendor-contact", f.contact, "person, address or channel");
        grid.addRow(row++, label("C_ontact", contact), contact);
        TextField review = field("vendor-review", f.reviewDue, "YYYY-MM-DD");
        grid.addRow(row++, label("Re_view due", review), review);
        ComboBox<RiskRating> rating = new ComboBox<>();
        rating.getItems().add(null);
        rating.getItems().addAll(RiskRating.values());
        rating.setId("vendor-rating");
        rating.valueProperty().bindBidirectional(f.rating);
        // no person's rating: "—" as in the table's column (a longer phrase was cut in the narrow form)
        rating.setConverter(ChoiceText.of(r -> r == null ? "—" : r.label()));
        rating.setTooltip(new Tooltip("The person's rating; — means none, and the rule's rating stands"));
        rating.setButtonCell(new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(RiskRating r, boolean empty) {
                super.updateItem(r, empty);
                setText(r == null ? "—" : r.label());
            }
        });
        grid.addRow(row++, label("Person's _rating", rating), rating);
        TextArea notes = new TextArea();
        notes.setId("vendor-notes");
        notes.setPrefRowCount(3);
        notes.setWrapText(true);
        notes.textProperty().bindBidirectional(f.notes);
        grid.addRow(row++, label("Not_es", notes), notes);

        Button add = new Button("_New vendor");
        add.setId("vendor-new");
        add.setMnemonicParsing(true);
        add.setOnAction(e -> {
            table.getSelectionModel().clearSelection();
            model.newVendor();
            name.requestFocus();
        });
        Button save = new Button("Sa_ve");
        save.setId("vendor-save");
        save.setMnemonicParsing(true);
        save.getStyleClass().add(Styles.ACCENT);
        save.setOnAction(e -> model.save());
        Button remove = new Button("Re_move…");
        remove.setId("vendor-remove");
        remove.setMnemonicParsing(true);
        remove.getStyleClass().add(Styles.DANGER);
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> {
            VendorRow r = table.getSelectionModel().getSelectedItem();
            if (r == null) {
                return;
            }
            TextInputDialog ask = new TextInputDialog();
            ask.initOwner(getScene().getWindow());
            ask.setTitle("Remove " + r.details().name());
            ask.setHeaderText("Remove " + r.details().name() + " from the register? The removal is audited with "
                    + "its last facts; it cannot be undone here (add it again instead).");
            ask.setContentText("Reason:");
            ask.showAndWait().ifPresent(reason -> model.remove(r, reason));
        });
        Fit.whole(add, save, remove);
        HBox buttons = new HBox(8, add, save, remove);
        buttons.setAlignment(Pos.CENTER_LEFT);
        Label heading = new Label();
        heading.getStyleClass().add(Styles.TITLE_4);
        heading.textProperty().bind(Bindings.when(f.adding).then("New vendor").otherwise(
                Bindings.concat("Edit ", f.name)));
        VBox box = new VBox(10, heading, grid, buttons);
        box.setPadding(new Insets(0, 4, 0, 8));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        // the form keeps room for its labels and readable fields; the divider stops there (Fit.keepMinimums)
        scroll.setMinWidth(FORM_FLOOR);
        return scroll;
    }

    private static Label label(String text, Node target) {
        Label l = new Label(text);
        l.setMnemonicParsing(true);
        l.setLabelFor(target);
        Fit.whole(l);
        return l;
    }

    private static TextField field(String id, StringProperty value, String prompt) {
        TextField t = new TextField();
        t.setId(id);
        t.setPromptText(prompt);
        t.textProperty().bindBidirectional(value);
        return t;
    }

    private static <T> ComboBox<T> choice(String id, T[] values, ObjectProperty<T> value, Function<T, String> label) {
        ComboBox<T> box = new ComboBox<>();
        box.getItems().setAll(Arrays.asList(values));
        box.setId(id);
        box.valueProperty().bindBidirectional(value);
        box.setConverter(ChoiceText.of(label));
        return box;
    }

}
