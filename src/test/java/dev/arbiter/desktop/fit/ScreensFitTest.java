package dev.arbiter.desktop.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.core.demo.DemoWorkspace;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.FxTestSupport;
import dev.arbiter.desktop.common.Background;
import dev.arbiter.desktop.shell.MainWindow;
import dev.arbiter.desktop.common.Screen;
import dev.arbiter.desktop.shell.Shell;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.TableView;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Walks every screen of the navigation (also screens added later: it knows none by name), and every tab
 * in it, at 1280 x 800, 1600 x 1000 and 1920 x 1080 (one window, resized) on the demo workspace, and
 * asserts that no label, button or column header is cut to "…", no control lies outside the window, and
 * no primary column or field is scrolled or clipped out of view sideways ({@link ScreenFit}), also in the
 * shown rows of tables and lists, with busy data ({@link BusyData}: long agent ids and action names).
 * It looks once each screen has shown its data ({@link #settle}); {@code look} takes the screenshots to look at.
 */
@ExtendWith(ApplicationExtension.class)
class ScreensFitTest {

    @TempDir
    static Path dir;
    static DesktopContext context;
    MainWindow window;
    Stage stage;

    /** Seeded here, not in {@code @Start}: on a loaded machine the demo takes longer than TestFX's set-up limit. */
    @BeforeAll
    static void seed() {
        context = FxTestSupport.context(dir.resolve("ws"));
        DemoWorkspace.seed(context.workspace());
        BusyData.add(context.workspace());
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = Shell.build(context, () -> { });
        FxTestSupport.show(stage, window);
    }

    @AfterAll
    static void close() {
        FxTestSupport.close(context);
    }

    /**
     * Screens still known to hide primary content sideways, each with what is left to do. On them a
     * sideways problem, and any problem in a state the test did not visit before (a row chosen, a tab, a
     * larger window), is printed, not failed; what the screen showed at 1280 x 800 before stays guarded.
     * An entry that matches no problem any more fails the test, so a fixed screen leaves the list.
     */
    private static final Map<String, String> NOT_YET_FIT = Map.of();

    /** The window sizes: the default (and smallest supported) one first. */
    private static final List<int[]> SIZES = List.of(new int[] {1280, 800}, new int[] {1600, 1000},
            new int[] {1920, 1080});

    @Test
    void everyScreenFitsAtEverySize(FxRobot robot) throws Exception {
        ListView<Screen> navigation = robot.lookup("#navigation").queryListView();
        List<String> problems = new ArrayList<>();
        for (int[] size : SIZES) {
            robot.interact(() -> {
                stage.setWidth(size[0]);
                stage.setHeight(size[1]);
            });
            settle(robot);
            String at = size[0] + "x" + size[1];
            assertThat(stage.getScene().getWidth()).as("scene width at " + at).isEqualTo(size[0]);
            assertThat(stage.getScene().getHeight()).as("scene height at " + at).isEqualTo(size[1]);
            walk(robot, navigation, at, problems);
        }
        List<String> known = problems.stream().filter(p -> knownGap(p) != null).toList();
        known.forEach(p -> System.out.println("not yet fit (" + knownGap(p) + "): " + p));
        assertThat(NOT_YET_FIT.keySet()).as("entries of NOT_YET_FIT that now fit: remove them")
                .allMatch(screen -> known.stream().anyMatch(p -> p.substring(p.indexOf(' ') + 1).startsWith(screen)));
        assertThat(problems.stream().filter(p -> knownGap(p) == null).toList()).isEmpty();
    }

    private static String knownGap(String problem) {
        String at = problem.substring(0, problem.indexOf(' '));
        String where = problem.substring(problem.indexOf(' ') + 1);
        boolean sideways = problem.contains("hidden sideways") || problem.contains("scrolled sideways")
                || problem.contains("clipped (");
        return NOT_YET_FIT.entrySet().stream()
                .filter(e -> where.startsWith(e.getKey()))
                .filter(e -> sideways || !at.equals("1280x800") || !where.startsWith(e.getKey() + ":"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private void walk(FxRobot robot, ListView<Screen> navigation, String at, List<String> problems) throws Exception {
        for (int i = 0; i < navigation.getItems().size(); i++) {
            int index = i;
            String title = navigation.getItems().get(i).title();
            robot.interact(() -> navigation.getSelectionModel().select(index));
            settle(robot);
            check(at, title, problems);
            // the typical state: a row chosen in each list, so detail panes and editors are checked too
            // (the choice stays for the larger sizes)
            if (selectFirstRows(robot, stage.getScene().getRoot())) {
                settle(robot);
                check(at, title + " (first row chosen)", problems);
            }
            tabs(robot, stage.getScene().getRoot(), at, title, problems);
        }
    }

    /** Every tab of the tab panes shown in {@code scope}, and of those shown inside each tab. */
    private void tabs(FxRobot robot, Node scope, String at, String where, List<String> problems) throws Exception {
        for (TabPane tabs : outermost(scope, TabPane.class)) {
            for (Tab tab : List.copyOf(tabs.getTabs())) {
                robot.interact(() -> tabs.getSelectionModel().select(tab));
                settle(robot);
                check(at, where + " / " + tab.getText(), problems);
                if (tab.getContent() != null) {
                    tabs(robot, tab.getContent(), at, where + " / " + tab.getText(), problems);
                }
            }
        }
    }

    /** Chooses the first row of every shown list or table with rows and no choice; whether any was chosen. */
    private boolean selectFirstRows(FxRobot robot, Node scope) {
        List<Control> lists = new ArrayList<>();
        robot.interact(() -> {
            for (Node n : scope.lookupAll(".list-view")) {
                if (n instanceof ListView<?> list && !"navigation".equals(list.getId()) && shown(list)
                        && !list.getItems().isEmpty() && list.getSelectionModel().isEmpty()) {
                    list.getSelectionModel().select(0);
                    lists.add(list);
                }
            }
            for (Node n : scope.lookupAll(".table-view")) {
                if (n instanceof TableView<?> table && shown(table) && !table.getItems().isEmpty()
                        && table.getSelectionModel().isEmpty()) {
                    table.getSelectionModel().select(0);
                    lists.add(table);
                }
            }
        });
        return !lists.isEmpty();
    }

    /** The shown nodes of {@code type} in {@code scope} that lie in no other shown one of that type there. */
    private static <T extends Node> List<T> outermost(Node scope, Class<T> type) {
        List<T> found = new ArrayList<>();
        collect(scope, type, found, true);
        return found;
    }

    private static <T extends Node> void collect(Node node, Class<T> type, List<T> found, boolean isScope) {
        if (!node.isVisible()) {
            return;
        }
        if (!isScope && type.isInstance(node)) {
            found.add(type.cast(node));
            return;
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, type, found, false);
            }
        }
    }

    /** Visible with every ancestor: not the content of a tab behind another. */
    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }

    private void check(String at, String where, List<String> problems) throws Exception {
        Scene scene = stage.getScene();
        List<String> found = WaitForAsyncUtils.asyncFx(() -> ScreenFit.problems(scene)).get(30, java.util.concurrent.TimeUnit.SECONDS);
        found.forEach(p -> problems.add(at + " " + where + ": " + p));
    }

    /**
     * Waits until the screen shows what it loaded: every background task has handed its result to the
     * FX thread ({@link Background#unfinished()} is 0) and a layout pass (with the work it queues: fitting
     * columns, moving dividers) started no new task. A limit, not a schedule: generous for a loaded machine.
     */
    private void settle(FxRobot robot) {
        Background background = (Background) context.background();
        Parent root = stage.getScene().getRoot();
        await().atMost(Duration.ofMinutes(2)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    WaitForAsyncUtils.waitForFxEvents();
                    if (background.unfinished() > 0) {
                        return false;
                    }
                    robot.interact(() -> {
                        root.applyCss();
                        root.layout();
                    });
                    WaitForAsyncUtils.waitForFxEvents();
                    return background.unfinished() == 0 && !root.isNeedsLayout();
                });
    }


}
