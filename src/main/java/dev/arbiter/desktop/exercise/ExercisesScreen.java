package dev.arbiter.desktop.exercise;

import dev.arbiter.core.Workspace;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.desktop.common.Screen;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyEvent;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * Exercises (issue 17; the guide's "run a tabletop exercise for an agent-related incident"): a tab that
 * plans and runs tabletop exercises on the clock, and a tab where the playbooks are read and edited.
 */
public final class ExercisesScreen implements Screen {

    public static final String TITLE = "Exercises";

    private final ExercisesViewModel exercises;
    private final PlaybooksViewModel playbooks;
    private Node view;

    public ExercisesScreen(DesktopContext context) {
        Workspace ws = context.workspace();
        this.exercises = new ExercisesViewModel(ws.exercises(), ws::playbooks, ws.events(), context::actor,
                context.background(), context.ui(), new StatusMessage(context.ui()));
        this.playbooks = new PlaybooksViewModel(ws::playbooks, context.background(), new StatusMessage(context.ui()));
    }

    @Override
    public String title() {
        return TITLE;
    }

    @Override
    public Ikon icon() {
        return Material2MZ.TIMER;
    }

    @Override
    public Node view() {
        if (view == null) {
            ExercisesView runView = new ExercisesView(exercises);
            PlaybooksView booksView = new PlaybooksView(playbooks);
            Tab run = new Tab("Exercises", runView.node());
            Tab books = new Tab("Playbooks", booksView.node());
            run.setId("exercises-tab");
            books.setId("playbooks-tab");
            TabPane tabs = new TabPane(run, books);
            tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
            // on the tab pane, not the tabs' content: the keys also work while the focus is on the tab headers,
            // and never on another screen (nothing is put on the scene)
            tabs.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
                if (tabs.getSelectionModel().getSelectedItem() == run) {
                    runView.keys(e);
                } else {
                    booksView.keys(e);
                }
            });
            view = tabs;
        }
        return view;
    }

    @Override
    public void shown() {
        exercises.refresh();
        exercises.loadPlaybooks();
        playbooks.refresh();
    }

    public ExercisesViewModel exercises() {
        return exercises;
    }

    public PlaybooksViewModel playbooks() {
        return playbooks;
    }
}
