package dev.arbiter.desktop.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.core.store.DatabaseUrl;
import dev.arbiter.core.store.StoreLocation;
import dev.arbiter.core.store.StoreLocations;
import dev.arbiter.desktop.common.CurrentThreadTaskRunner;
import dev.arbiter.testing.PostgresTestServer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Settings › Database without a toolkit: the URL checked as typed (the message names the wrong part), a
 * real connection test against the test PostgreSQL server and against a port nothing listens on, and the
 * URL saved for the next start — where the workspace then opens.
 */
class DatabaseSettingsViewModelTest {

    @TempDir
    Path dir;

    private DatabaseSettingsViewModel model(Map<String, String> env) {
        return new DatabaseSettingsViewModel(new DataDirectory(dir), "the SQLite file " + dir, env,
                new CurrentThreadTaskRunner());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "mysql://db:3306/arbiter                      | must start with postgresql://",
        "postgresql://db:54x2/arbiter                 | port \"54x2\" is not a number",
        "postgresql://db:70000/arbiter                | port 70000 is out of range",
        "postgresql://:5432/arbiter                   | names no host",
        "postgresql://db:5432/                        | names no database",
        "postgresql://db:5432                         | names no database",
        "postgresql://dana:s3cret@db:5432/arbiter     | must not contain a password",
        "postgresql://db/arbiter?user=dana&password=x | must not contain a password",
        "postgresql://db host/arbiter                 | not a valid URL at character",
    })
    void aWrongUrlIsNamedAsItIsTypedAndNeverSaved(String typed, String says) throws Exception {
        DatabaseSettingsViewModel model = model(Map.of());
        model.urlProperty().set(typed);
        assertThat(model.problemProperty().get()).contains(says);
        assertThat(model.problemProperty().get()).doesNotContain("s3cret");

        model.save();
        assertThat(model.messageProperty().get()).startsWith("Not saved:").contains(says);
        assertThat(model.messageIsErrorProperty().get()).isTrue();
        assertThat(dir.resolve(StoreLocations.URL_FILE)).doesNotExist();
    }

    @Test
    void aValidUrlIsSavedForTheNextStartAndAnEmptyFieldGoesBackToTheSqliteFile() throws Exception {
        DatabaseSettingsViewModel model = model(Map.of());
        model.urlProperty().set("postgresql://db.internal:5433/arbiter?user=dana");
        assertThat(model.problemProperty().get()).isEmpty();
        model.save();
        assertThat(model.messageIsErrorProperty().get()).isFalse();
        assertThat(model.messageProperty().get()).contains("next time it starts").contains("db.internal:5433");
        assertThat(StoreLocations.resolve(null, new DataDirectory(dir), Map.of(), null))
                .isInstanceOfSatisfying(StoreLocation.PostgresServer.class,
                        pg -> assertThat(pg.url().host()).isEqualTo("db.internal"));

        DatabaseSettingsViewModel again = model(Map.of());
        again.load();
        assertThat(again.urlProperty().get()).isEqualTo("postgresql://db.internal:5433/arbiter?user=dana");

        again.urlProperty().set("  ");
        again.save();
        assertThat(again.messageProperty().get()).contains("SQLite file");
        assertThat(StoreLocations.resolve(null, new DataDirectory(dir), Map.of(), null))
                .isInstanceOf(StoreLocation.SqliteFile.class);
    }

    @Test
    void thePasswordTypedForATestIsNeverWrittenAnywhere() throws Exception {
        DatabaseSettingsViewModel model = model(Map.of());
        model.urlProperty().set("postgresql://127.0.0.1:" + unusedPort() + "/arbiter?user=dana");
        model.passwordProperty().set("hunter2-typed");
        model.testConnection();
        model.save();
        String saved = Files.readString(dir.resolve(StoreLocations.URL_FILE), StandardCharsets.UTF_8);
        assertThat(saved).doesNotContain("hunter2");
        assertThat(model.messageProperty().get()).doesNotContain("hunter2");
    }

    @Test
    void testingReachesARealServerAndTellsAnEmptyDatabaseFromAnArbiterOne() {
        DatabaseUrl fresh = PostgresTestServer.get().newDatabase();
        DatabaseSettingsViewModel model = model(Map.of());
        model.urlProperty().set(fresh.jdbcUrl().replace("jdbc:", ""));
        model.testConnection();
        assertThat(model.checkingProperty().get()).isFalse();
        assertThat(model.messageIsErrorProperty().get()).as(model.messageProperty().get()).isFalse();
        assertThat(model.messageProperty().get()).startsWith("Connected to").contains("PostgreSQL 1")
                .contains("the database is empty");

        Workspace.open(new DataDirectory(dir.resolve("other-host")), new StoreLocation.PostgresServer(fresh, null),
                Clock.systemUTC()).close();
        model.testConnection();
        assertThat(model.messageProperty().get()).contains("up to date");
        assertThat(dir.resolve(StoreLocations.URL_FILE)).as("a test saves nothing").doesNotExist();
    }

    @Test
    void testingAServerThatIsNotThereSaysWhatToCheck() throws Exception {
        DatabaseSettingsViewModel model = model(Map.of());
        model.urlProperty().set("postgresql://127.0.0.1:" + unusedPort() + "/arbiter?user=dana");
        model.testConnection();
        assertThat(model.messageIsErrorProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).startsWith("Cannot connect to postgresql://dana@127.0.0.1:")
                .contains("is the server running");
    }

    @Test
    void anEmptyFieldHasNothingToTestAndTheEnvironmentOverrideIsNamed() {
        DatabaseSettingsViewModel model = model(Map.of(StoreLocations.ENV, "postgresql://ci:5432/arbiter"));
        model.testConnection();
        assertThat(model.messageProperty().get()).contains("SQLite file");
        assertThat(model.currentDescription()).contains("ARBITER_DATABASE_URL");
        assertThat(model(Map.of()).currentDescription()).doesNotContain("ARBITER_DATABASE_URL");
    }

    private static int unusedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
