package dev.arbiter.desktop.assessment;

import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.shell.Screen;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2OutlinedAL;

/** The shell's entry for risk assessments (the guide's risk assessment template). */
public final class AssessmentScreen implements Screen {

    private final AssessmentListViewModel list;
    private final AssessmentEditorViewModel editor;
    private AssessmentView view;

    public AssessmentScreen(DesktopContext context) {
        this.list = new AssessmentListViewModel(context);
        this.editor = new AssessmentEditorViewModel(context);
    }

    @Override
    public String title() {
        return "Risk assessments";
    }

    @Override
    public Ikon icon() {
        return Material2OutlinedAL.ASSESSMENT;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new AssessmentView(list, editor);
        }
        return view;
    }

    @Override
    public void shown() {
        view();
        view.refresh();
    }

    public AssessmentListViewModel listViewModel() {
        return list;
    }

    public AssessmentEditorViewModel editorViewModel() {
        return editor;
    }
}
