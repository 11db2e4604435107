package dev.arbiter.desktop.vendor;

import atlantafx.base.theme.Styles;
import dev.arbiter.desktop.common.Feedback;
import dev.arbiter.desktop.common.Fit;
import java.io.File;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Vendors screen: the register, the agents' provider plans and model changes as three tabs, the
 * readiness evidence line, and the due-diligence PDF export.
 */
public final class VendorsView extends BorderPane {

    public VendorsView(VendorsViewModel model) {
        getStyleClass().add("vendors-view");
        setPadding(new Insets(12));
        Label title = new Label("Vendors and models");
        title.getStyleClass().add(Styles.TITLE_3);
        Label evidence = new Label();
        evidence.setId("vendor-evidence");
        evidence.setWrapText(true);
        evidence.getStyleClass().add(Styles.TEXT_MUTED);
        evidence.textProperty().bind(model.evidenceProperty());
        Button export = new Button("E_xport due-diligence PDF…");
        export.setId("vendor-export");
        export.setMnemonicParsing(true);
        export.disableProperty().bind(model.exportingProperty());
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Vendor due-diligence report");
            chooser.setInitialFileName("vendor-due-diligence.pdf");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF", "*.pdf"));
            File f = chooser.showSaveDialog(getScene().getWindow());
            if (f != null) {
                model.export(f.toPath());
            }
        });
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(model.exportingProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Fit.whole(export);
        VBox heading = new VBox(4, title, evidence);
        HBox.setHgrow(heading, Priority.ALWAYS);
        HBox top = new HBox(10, heading, progress, export);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(0, 0, 10, 0));

        TabPane tabs = new TabPane(tab("Register", new RegisterPane(model)), tab("Agents", new PlansPane(model)),
                tab("Model changes", new ChangesPane(model)));
        tabs.setId("vendor-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        Label status = new Label();
        status.setId("vendor-status");
        status.setWrapText(true);
        status.textProperty().bind(model.status().textProperty());
        Feedback.styleAsError(status, model.status().errorProperty());
        status.setPadding(new Insets(8, 0, 0, 0));

        setTop(top);
        setCenter(tabs);
        setBottom(status);
    }

    private static Tab tab(String name, javafx.scene.Node content) {
        Tab t = new Tab(name, content);
        t.setId("vendor-tab-" + name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        if (content instanceof javafx.scene.layout.Region r) {
            r.setPadding(new Insets(8, 0, 0, 0));
        }
        return t;
    }
}
