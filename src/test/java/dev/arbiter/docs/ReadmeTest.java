package dev.arbiter.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README points only at things that are in the repository, and its commands are the ones CI runs. */
class ReadmeTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    /** A relative path in backticks: segments joined by "/", no spaces (`docs/openapi.yaml`, `../x/`). */
    private static final Pattern PATH = Pattern.compile("`((?:\\.\\.?/)?[\\w.-]+(?:/[\\w.-]+)+/?)`");

    private static String readme() throws Exception {
        return Files.readString(ROOT.resolve("README.md"));
    }

    @Test
    void everyRepositoryPathItNamesExistsAndNoneLeavesTheRepository() throws Exception {
        List<String> ignored = Files.readAllLines(ROOT.resolve(".gitignore")).stream()
                .filter(l -> l.endsWith("/")).map(l -> l.replaceFirst("^/", "")).toList();
        List<String> missing = new ArrayList<>();
        Matcher m = PATH.matcher(readme());
        int checked = 0;
        while (m.find()) {
            String path = m.group(1);
            String first = path.split("/")[0];
            boolean inRepo = path.startsWith("../") || Files.exists(ROOT.resolve(first));
            if (!inRepo || ignored.stream().anyMatch(path::startsWith)) {
                continue; // a data-directory path such as logs/arbiter.log, or a build output
            }
            checked++;
            if (path.startsWith("../") || !Files.exists(ROOT.resolve(path))) {
                missing.add(path);
            }
        }
        assertThat(checked).isGreaterThan(3);
        assertThat(missing).as("paths in README.md that are not in the repository").isEmpty();
    }

    @Test
    void theTestCommandIsTheWrapperAndCiRunsIt() throws Exception {
        assertThat(readme()).contains("./mvnw -B verify");
        assertThat(ROOT.resolve("mvnw")).isExecutable();
        assertThat(ROOT.resolve(".mvn/wrapper/maven-wrapper.properties")).content()
                .contains("https://repo.maven.apache.org/maven2/");
        assertThat(ROOT.resolve(".ci/run")).content().containsPattern("(?m)^\\./mvnw -B verify$");
    }
}
