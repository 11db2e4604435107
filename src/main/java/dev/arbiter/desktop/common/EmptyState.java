package dev.arbiter.desktop.common;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** What a screen or list shows when there is nothing yet: what it is, and what to do next. */
public final class EmptyState extends VBox {

    public EmptyState(Ikon icon, String title, String nextStep) {
        setAlignment(Pos.CENTER);
        setSpacing(10);
        getStyleClass().add("empty-state");
        FontIcon glyph = new FontIcon(icon);
        glyph.setIconSize(48);
        glyph.getStyleClass().add("empty-state-icon");
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_3);
        // a narrow pane wraps the heading instead of cutting it ("No tabletop exercis…" at 1280 x 800)
        heading.setWrapText(true);
        heading.setMaxWidth(480);
        heading.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        Label hint = new Label(nextStep);
        hint.setWrapText(true);
        hint.setMaxWidth(480);
        hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        getChildren().addAll(glyph, heading, hint);
    }
}
