package dev.arbiter.desktop.queue;

import dev.arbiter.desktop.common.Screen;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The shell's entry for the escalation queue (the guide's Pillar 4). The view
 * model lives from the window's start, since the title, the status bar and
 * notifications follow the queue on every screen; the view is built on the
 * first visit.
 */
public final class QueueScreen implements Screen {

    public static final String TITLE = "Escalation Queue";

    private final QueueViewModel model;
    private QueueView view;

    public QueueScreen(QueueViewModel model) {
        this.model = model;
    }

    @Override
    public String title() {
        return TITLE;
    }

    @Override
    public Ikon icon() {
        return Material2MZ.PAN_TOOL;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new QueueView(model);
        }
        return view;
    }

    /** The keyboard goes to the table: a reviewer opens the queue to press A or D. */
    @Override
    public void shown() {
        ((QueueView) view()).focusTable();
    }

    public QueueViewModel model() {
        return model;
    }
}
