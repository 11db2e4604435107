package dev.arbiter.desktop.settings;

import static dev.arbiter.desktop.FxTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.FxTestSupport;
import dev.arbiter.desktop.shell.MainWindow;
import dev.arbiter.desktop.shell.Shell;
import dev.arbiter.gateway.GatewayConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Starting and stopping the gateway from Settings, and what the status bar says about it. */
@ExtendWith(ApplicationExtension.class)
class GatewaySettingsTest {

    @TempDir
    static Path dir;
    DesktopContext context;
    GatewayControl gateway;
    MainWindow window;

    @Start
    void start(Stage stage) {
        context = FxTestSupport.context(dir.resolve("ws-" + System.nanoTime()));
        gateway = new GatewayControl(context);
        window = Shell.assemble(context, () -> { }, gateway);
        FxTestSupport.show(stage, window);
        window.select("Settings");
    }

    @AfterEach
    void close() {
        window.shutdown();
        FxTestSupport.close(context);
    }

    private void port(FxRobot robot, String text) throws Exception {
        TextField port = robot.lookup("#gateway-port").queryAs(TextField.class);
        waitFor(() -> "8765".equals(port.getText())); // the saved settings have loaded
        robot.interact(() -> port.setText(text));
    }

    private String status(FxRobot robot) {
        return robot.lookup("#status-gateway").queryAs(Label.class).getText();
    }

    private static int health(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/v1/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void startsAndStopsTheGatewayAndSaysWhereItListens(FxRobot robot) throws Exception {
        assertThat(status(robot)).isEqualTo("Gateway off");
        port(robot, "0");

        robot.clickOn("#gateway-start");

        waitFor(() -> status(robot).startsWith("Gateway on 127.0.0.1:"));
        String url = gateway.url();
        assertThat(status(robot)).isEqualTo("Gateway on " + url.substring("http://".length()));
        assertThat(health(url)).isEqualTo(200);
        assertThat(context.workspace().settings().get(GatewayConfig.PORT_SETTING)).hasValue("0");

        robot.clickOn("#gateway-stop");

        waitFor(() -> status(robot).equals("Gateway off"));
        assertThat(health(url)).isEqualTo(-1);
    }

    @Test
    void aPortInUseIsAnErrorThatNamesThePort(FxRobot robot) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port(robot, Integer.toString(taken.getLocalPort()));

            robot.clickOn("#gateway-start");

            waitFor(() -> status(robot).startsWith("Gateway error"));
            assertThat(status(robot)).contains("127.0.0.1:" + taken.getLocalPort()).contains("in use");
            // what to do in this window: Settings, not the --port flag that `arbiter desktop` does not have
            assertThat(status(robot)).contains("Settings").doesNotContain("--port");
            assertThat(gateway.url()).isNull();
        }
    }

    @Test
    void aPortThatIsNotANumberIsNamed(FxRobot robot) throws Exception {
        port(robot, "87x5");

        robot.clickOn("#gateway-start");

        assertThat(robot.lookup("#gateway-message").queryAs(Label.class).getText())
                .startsWith("Port: \"87x5\" is not a number");
        assertThat(status(robot)).isEqualTo("Gateway off");
    }
}
