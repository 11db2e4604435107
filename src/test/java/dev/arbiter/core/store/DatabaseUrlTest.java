package dev.arbiter.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('_', '-').ofMinLength(1).ofMaxLength(20)
                .filter(s -> Character.isLetter(s.charAt(0)));
    }

    @Provide
    Arbitrary<String> schemes() {
        return Arbitraries.of("postgresql://", "postgres://", "jdbc:postgresql://", "PostgreSQL://", "JDBC:POSTGRESQL://");
    }

    @Property
    void everySpellingOfAValidUrlParsesToTheSameServer(@ForAll("schemes") String scheme, @ForAll("names") String host,
            @ForAll @IntRange(min = 1, max = 65535) int port, @ForAll("names") String db, @ForAll("names") String user) {
        DatabaseUrl url = DatabaseUrl.parse(scheme + host + ":" + port + "/" + db + "?user=" + user);
        assertThat(url.host()).isEqualTo(host);
        assertThat(url.port()).isEqualTo(port);
        assertThat(url.database()).isEqualTo(db);
        assertThat(url.user()).contains(user);
        assertThat(DatabaseUrl.parse(url.jdbcUrl())).isEqualTo(url);
        assertThat(DatabaseUrl.parse(scheme + user + "@" + host + ":" + port + "/" + db)).isEqualTo(url);
    }

    @Property
    void aPasswordIsRefusedWhereverItIsWrittenAndNeverEchoed(@ForAll("names") String host, @ForAll("names") String secret,
            @ForAll("passwordKeys") String key, @ForAll boolean inUserInfo) {
        String text = inUserInfo ? "postgresql://me:" + secret + "@" + host + "/arbiter"
                : "postgresql://" + host + "/arbiter?user=me&" + key + "=" + secret;
        assertThatThrownBy(() -> DatabaseUrl.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PGPASSWORD")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(":" + secret).doesNotContain("=" + secret));
    }

    @Provide
    Arbitrary<String> passwordKeys() {
        return Arbitraries.of("password", "PASSWORD", "Password", "passWord", "pass%77ord");
    }

    @Test
    void missingPartsAreNamed() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://h/db")).hasMessageContaining("must start with postgresql://");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://h")).hasMessageContaining("names no database");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql:///db")).hasMessageContaining("names no host");
        assertThatThrownBy(() -> DatabaseUrl.parse(" ")).hasMessageContaining("empty");
        assertThat(DatabaseUrl.parse("postgresql://db.example.com/arbiter").port()).isEqualTo(5432);
    }

    @Test
    void theOptionBeatsTheEnvironmentWhichBeatsTheSavedUrlAndPgpasswordIsUsedButNeverShown() throws Exception {
        DataDirectory dir = new DataDirectory(Path.of(System.getProperty("java.io.tmpdir"), "arbiter-url-" + System.nanoTime()));
        StoreLocations.save(dir, "postgresql://saved/arbiter");
        Map<String, String> env = Map.of(StoreLocations.ENV, "postgresql://env/arbiter", "PGPASSWORD", "s3cret");
        assertThat(server(StoreLocations.resolve("postgresql://opt/arbiter", dir, env, null)).url().host()).isEqualTo("opt");
        StoreLocation.PostgresServer fromEnv = server(StoreLocations.resolve(null, dir, env, null));
        assertThat(fromEnv.url().host()).isEqualTo("env");
        assertThat(fromEnv.password()).isEqualTo("s3cret");
        assertThat(fromEnv.toString()).doesNotContain("s3cret");
        assertThat(server(StoreLocations.resolve(null, dir, Map.of(), null)).url().host()).isEqualTo("saved");
        StoreLocations.save(dir, "");
        assertThat(StoreLocations.resolve(null, dir, Map.of(), null)).isInstanceOf(StoreLocation.SqliteFile.class);
        assertThatThrownBy(() -> StoreLocations.resolve(null, dir, Map.of(StoreLocations.ENV, "nonsense"), null))
                .hasMessageStartingWith(StoreLocations.ENV + ": ");
    }

    private static StoreLocation.PostgresServer server(StoreLocation location) {
        assertThat(location).isInstanceOf(StoreLocation.PostgresServer.class);
        return (StoreLocation.PostgresServer) location;
    }
}
