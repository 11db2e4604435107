package dev.arbiter.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./arbiter} on a machine without a usable JDK says what is missing and what to install. */
class LauncherScriptTest {

    @TempDir
    Path dir;

    private record Run(int exitCode, String output) {
    }

    private Run launch(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", Path.of("arbiter").toAbsolutePath().toString(),
                "--version").redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void withoutJavaItSaysSoAndWhatToInstall() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("dirname"), Path.of("/usr/bin/dirname"));

        Run run = launch(Map.of("PATH", bin.toString(), "HOME", dir.toString()));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("Java is not installed").contains("JDK 17").contains("openjdk-17-jdk")
                .doesNotContain("command not found");
    }

    @Test
    void aJavaHomeWithoutJavaIsNamed() throws Exception {
        Run run = launch(Map.of("PATH", "/usr/bin:/bin", "JAVA_HOME", dir.toString(), "HOME", dir.toString()));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("JAVA_HOME is " + dir).contains("JDK 17");
    }
}
