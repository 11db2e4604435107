package dev.arbiter.desktop.assessment;

import dev.arbiter.core.event.WorkspaceChanged;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.FxTicker;
import dev.arbiter.desktop.common.Screen;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2OutlinedAL;

/** The shell's entry for risk assessments (the guide's risk assessment template). */
public final class AssessmentScreen implements Screen {

    /** The tables whose change by another process the screen follows. */
    private static final String[] TABLES = {"assessment", "assessment_version", "assessment_risk",
            "assessment_review", "assessment_exception", "assessment_change", "assessment_discard"};

    private final AssessmentListViewModel list;
    private final AssessmentEditorViewModel editor;
    private AssessmentView view;

    public AssessmentScreen(DesktopContext context) {
        this.list = new AssessmentListViewModel(context);
        this.editor = new AssessmentEditorViewModel(context);
        // changes by another process (the CLI, a second desktop); this process's own edits refresh directly
        FxTicker ticker = new FxTicker(() -> {
            if (view != null) {
                view.followWorkspace();
            }
        }, context.ui());
        context.workspace().events().subscribe(WorkspaceChanged.class, e -> {
            if (e.touches(TABLES)) {
                ticker.mark();
            }
        });
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
