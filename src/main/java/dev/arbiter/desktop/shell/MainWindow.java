package dev.arbiter.desktop.shell;

import dev.arbiter.desktop.common.Screen;
import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * The main window's layout: kill-switch bar on top of every screen, navigation
 * on the left (Ctrl+1…9 jump to a screen, Ctrl+0 to the last, Settings), the current screen in the middle,
 * the status bar at the bottom.
 */
public final class MainWindow extends BorderPane {

    private final ListView<Screen> navigation;
    private final StackPane content = new StackPane();
    private final StatusModel status;
    private final java.util.List<AutoCloseable> resources = new java.util.ArrayList<>();

    public MainWindow(List<Screen> screens, KillSwitchBar killSwitchBar, StatusBar statusBar, Node demoBanner) {
        getStyleClass().add("main-window");
        this.status = statusBar.model();
        navigation = new ListView<>();
        navigation.setId("navigation");
        navigation.getItems().setAll(screens);
        navigation.getStyleClass().add("navigation");
        navigation.setPrefWidth(210);
        navigation.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Screen screen, boolean empty) {
                super.updateItem(screen, empty);
                setText(empty || screen == null ? null : screen.title());
                setGraphic(empty || screen == null ? null : new FontIcon(screen.icon()));
                setContentDisplay(javafx.scene.control.ContentDisplay.LEFT);
                if (!empty && screen != null && screen.badge() != null) {
                    setGraphic(new HBox(6, new FontIcon(screen.icon()), badge(screen.badge())));
                }
            }
        });
        navigation.getSelectionModel().selectedItemProperty().addListener((o, old, screen) -> show(screen));

        VBox top = new VBox(killSwitchBar, new OfflineBanner(status, status.databaseName()));
        if (demoBanner != null) {
            top.getChildren().add(demoBanner);
        }
        setTop(top);
        setLeft(navigation);
        content.getStyleClass().add("content");
        setCenter(scrolling(content));
        setBottom(statusBar);
        sceneProperty().addListener((o, old, scene) -> {
            if (scene != null) {
                installShortcuts(scene, killSwitchBar);
            }
        });
    }

    /**
     * The screen fills the space beside the navigation, and scrolls once the window is narrower or lower than
     * the screen can shrink to: without this, a window at its minimum size (or a window manager that opens it
     * smaller than asked) laid the whole window out wider than the scene, which pushed the kill switch and the
     * right-hand controls out of sight.
     */
    private static ScrollPane scrolling(StackPane content) {
        ScrollPane scroller = new ScrollPane(content);
        scroller.setFitToWidth(true);
        scroller.setFitToHeight(true);
        scroller.setFocusTraversable(false);
        scroller.getStyleClass().add("content-scroller");
        return scroller;
    }

    /** A pill with the count, hidden at zero; it follows the count for as long as the cell shows it. */
    private static Label badge(javafx.beans.value.ObservableValue<Number> count) {
        Label pill = new Label();
        pill.getStyleClass().addAll("nav-badge", Styles.SMALL, Styles.DANGER);
        pill.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> String.valueOf(count.getValue()), count));
        pill.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> count.getValue() != null && count.getValue().intValue() > 0, count));
        pill.managedProperty().bind(pill.visibleProperty());
        return pill;
    }

    public void select(String title) {
        navigation.getItems().stream().filter(s -> s.title().equals(title)).findFirst()
                .ifPresent(s -> navigation.getSelectionModel().select(s));
    }

    /** What the status bar shows (the window title follows its pending count). */
    public StatusModel status() {
        return status;
    }

    /** Something that lives as long as this window (a gateway, a live view model); closed by {@link #shutdown()}. */
    public void own(AutoCloseable resource) {
        resources.add(resource);
    }

    /** Closes what the window owns, newest first; call before closing the workspace. Blocks (a gateway drains). */
    public void shutdown() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(MainWindow.class).warn("Closing {} failed", resources.get(i), e);
            }
        }
        resources.clear();
    }

    public Screen current() {
        return navigation.getSelectionModel().getSelectedItem();
    }

    private void show(Screen screen) {
        if (screen == null) {
            return;
        }
        content.getChildren().setAll(screen.view());
        screen.shown();
    }

    private void installShortcuts(javafx.scene.Scene scene, KillSwitchBar killSwitchBar) {
        for (int i = 0; i < Math.min(9, navigation.getItems().size()); i++) {
            int index = i;
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.getKeyCode(Integer.toString(i + 1)),
                    KeyCombination.SHORTCUT_DOWN), () -> {
                // focus first: a screen that puts the keyboard somewhere when shown (the queue's table) keeps it
                navigation.requestFocus();
                navigation.getSelectionModel().select(index);
            });
        }
        // Settings is always last; with more than nine screens it would have no digit of its own
        int last = navigation.getItems().size() - 1;
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN), () -> {
            navigation.requestFocus();
            navigation.getSelectionModel().select(last);
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), killSwitchBar::toggle);
    }

    /** The strip saying this is sample data, with the way out. */
    public static HBox demoBanner(Runnable startEmpty) {
        Label text = new Label("Demo workspace — the agents, policies, assessments and audit entries here are "
                + "sample data.");
        text.setWrapText(true);
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        Button empty = new Button("Start an empty workspace…");
        empty.setId("start-empty-button");
        empty.getStyleClass().add(Styles.SMALL);
        empty.setOnAction(e -> startEmpty.run());
        HBox banner = new HBox(10, new FontIcon(Material2AL.INFO), text, spring, empty);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setPadding(new Insets(6, 16, 6, 16));
        banner.getStyleClass().add("demo-banner");
        return banner;
    }
}
