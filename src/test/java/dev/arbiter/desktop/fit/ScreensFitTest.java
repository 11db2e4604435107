package dev.arbiter.desktop.fit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.demo.DemoWorkspace;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.FxTestSupport;
import dev.arbiter.desktop.shell.MainWindow;
import dev.arbiter.desktop.common.Screen;
import dev.arbiter.desktop.shell.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
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
 * in it, at 1280 x 800 on the demo workspace, and asserts that no label, button or column header is cut
 * to "…" and no control lies outside the window, also in the shown rows of tables and lists, with busy
 * data ({@link BusyData}: long agent ids and action names). Screenshots go to {@code target/screens/} to look at.
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

    @Test
    void everyScreenFitsAt1280x800(FxRobot robot) throws Exception {
        ListView<Screen> navigation = robot.lookup("#navigation").queryListView();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < navigation.getItems().size(); i++) {
            int index = i;
            String title = navigation.getItems().get(i).title();
            robot.interact(() -> navigation.getSelectionModel().select(index));
            settle();
            check(title, problems);
            for (TabPane tabs : robot.lookup(n -> n instanceof TabPane && n.isVisible() && n.getScene() != null)
                    .queryAllAs(TabPane.class)) {
                for (Tab tab : List.copyOf(tabs.getTabs())) {
                    robot.interact(() -> tabs.getSelectionModel().select(tab));
                    settle();
                    check(title + " / " + tab.getText(), problems);
                }
            }
        }
        assertThat(problems).as("at 1280 x 800").isEmpty();
    }

    private void check(String where, List<String> problems) throws Exception {
        Scene scene = stage.getScene();
        List<String> found = WaitForAsyncUtils.asyncFx(() -> ScreenFit.problems(scene)).get(30, java.util.concurrent.TimeUnit.SECONDS);
        found.forEach(p -> problems.add(where + ": " + p));
        snapshot(scene, where);
    }

    private static void settle() {
        for (int k = 0; k < 5; k++) {
            WaitForAsyncUtils.waitForFxEvents();
            WaitForAsyncUtils.sleep(150, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    private static void snapshot(Scene scene, String where) throws Exception {
        Path out = Path.of("target", "screens");
        Files.createDirectories(out);
        var image = WaitForAsyncUtils.asyncFx(() -> scene.getRoot().snapshot(null, null)).get(30, java.util.concurrent.TimeUnit.SECONDS);
        String name = where.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.resolve("1280x800-" + name + ".png").toFile());
    }

}
