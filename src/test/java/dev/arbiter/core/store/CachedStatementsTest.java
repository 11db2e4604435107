package dev.arbiter.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's kept-compiled statements (issue 15): a statement handed back is reset (no read snapshot held, no
 * parameters left over), the same text nested in its own loop works, the cache is bounded, and a random mix of
 * uses answers exactly what an uncached connection answers. On real SQLite files.
 */
class CachedStatementsTest {

    private static final String BY_ID = "SELECT v FROM t WHERE id = ?";

    @TempDir
    Path dir;

    private static Connection open(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, v TEXT)");
        }
        return c;
    }

    private static void insert(Connection c, int id, String v) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t(id, v) VALUES (?, ?)")) {
            ps.setInt(1, id);
            ps.setString(2, v);
            ps.executeUpdate();
        }
    }

    private static String valueOf(Connection c, int id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BY_ID)) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void aTextIsCompiledOnceAndAnswersWithEachUsesOwnParameters() throws Exception {
        try (Connection c = CachedStatements.wrap(open(dir.resolve("a.db")), 8)) {
            insert(c, 1, "one");
            insert(c, 2, "two");
            assertThat(valueOf(c, 1)).isEqualTo("one");
            assertThat(valueOf(c, 2)).isEqualTo("two");
            assertThat(valueOf(c, 3)).isNull();
            assertThat(CachedStatements.size(c)).isEqualTo(2); // the insert and the select, each kept once
        }
    }

    @Test
    void aResultSetLeftOpenByItsCallerHoldsNoSnapshotOnceTheStatementIsHandedBack() throws Exception {
        Path file = dir.resolve("b.db");
        try (Connection cached = CachedStatements.wrap(open(file), 8); Connection other = open(file)) {
            insert(other, 1, "one");
            insert(other, 2, "two");
            PreparedStatement ps = cached.prepareStatement("SELECT COUNT(*) FROM t WHERE id >= ?");
            ps.setInt(1, 0);
            ResultSet rs = ps.executeQuery(); // read, never closed: in autocommit mode this pins a read snapshot
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
            ps.close();
            insert(other, 3, "three");
            try (PreparedStatement again = cached.prepareStatement("SELECT COUNT(*) FROM t WHERE id >= ?")) {
                again.setInt(1, 0);
                try (ResultSet now = again.executeQuery()) {
                    now.next();
                    assertThat(now.getInt(1)).isEqualTo(3);
                }
            }
            // nothing pins the WAL: a truncating checkpoint on the other connection completes
            try (Statement st = other.createStatement(); ResultSet cp = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                cp.next();
                assertThat(cp.getInt(1)).as("checkpoint busy").isZero();
            }
        }
    }

    @Test
    void theSameTextNestedInItsOwnLoopGetsAStatementOfItsOwn() throws Exception {
        try (Connection c = CachedStatements.wrap(open(dir.resolve("c.db")), 8)) {
            for (int i = 1; i <= 3; i++) {
                insert(c, i, "v" + i);
            }
            List<String> pairs = new ArrayList<>();
            try (PreparedStatement outer = c.prepareStatement(BY_ID)) {
                for (int i = 1; i <= 3; i++) {
                    outer.setInt(1, i);
                    try (ResultSet rs = outer.executeQuery()) {
                        rs.next();
                        pairs.add(rs.getString(1) + "/" + valueOf(c, 4 - i)); // the same text while outer is open
                    }
                }
            }
            assertThat(pairs).containsExactly("v1/v3", "v2/v2", "v3/v1");
            assertThat(valueOf(c, 2)).isEqualTo("v2");
            assertThat(CachedStatements.size(c)).isEqualTo(2);
        }
    }

    @Test
    void atMostTheCapacityIsKeptAndAnEvictedStatementInUseStillWorksUntilClosed() throws Exception {
        try (Connection c = CachedStatements.wrap(open(dir.resolve("d.db")), 2)) {
            insert(c, 1, "one");
            PreparedStatement held = c.prepareStatement("SELECT v FROM t WHERE id = ? AND 1 = 1");
            for (int i = 0; i < 5; i++) {
                try (PreparedStatement ps = c.prepareStatement("SELECT v, " + i + " FROM t WHERE id = ?")) {
                    ps.setInt(1, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getInt(2)).isEqualTo(i);
                    }
                }
            }
            assertThat(CachedStatements.size(c)).isLessThanOrEqualTo(2);
            held.setInt(1, 1);
            try (ResultSet rs = held.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("one");
            }
            held.close();
            assertThat(held.isClosed()).isTrue();
        }
    }

    @Test
    void aStatementHandedBackCannotBeUsedThroughTheOldHandleAndLeavesNoParameters() throws Exception {
        try (Connection c = CachedStatements.wrap(open(dir.resolve("e.db")), 8)) {
            insert(c, 1, "one");
            PreparedStatement first = c.prepareStatement(BY_ID);
            first.setInt(1, 1);
            first.close();
            first.close(); // twice is harmless
            assertThatThrownBy(() -> first.setInt(1, 2)).isInstanceOf(SQLException.class);
            try (PreparedStatement second = c.prepareStatement(BY_ID); ResultSet rs = second.executeQuery()) {
                assertThat(rs.next()).as("no parameter carried over from the first use").isFalse();
            }
        }
    }

    @Test
    void closingTheConnectionFinalizesWhatItKept() throws Exception {
        Connection c = CachedStatements.wrap(open(dir.resolve("f.db")), 8);
        insert(c, 1, "one");
        assertThat(valueOf(c, 1)).isEqualTo("one");
        c.close();
        assertThat(c.isClosed()).isTrue();
        assertThat(CachedStatements.size(c)).isZero();
    }

    // --- a random mix of uses answers what an uncached connection answers ---

    private Connection plain;
    private Connection cached;
    private Path propertyDir;

    @BeforeProperty
    void openBoth() throws Exception {
        propertyDir = java.nio.file.Files.createTempDirectory("cached-statements");
        plain = open(propertyDir.resolve("plain.db"));
        cached = CachedStatements.wrap(open(propertyDir.resolve("cached.db")), 3);
    }

    @AfterProperty
    void closeBoth() throws Exception {
        plain.close();
        cached.close();
        try (var files = java.nio.file.Files.list(propertyDir)) {
            for (Path p : files.toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
        java.nio.file.Files.deleteIfExists(propertyDir);
    }

    /** One use: write or read key {@code id}, through one of five texts, nested in another read or not, rows left unread or not. */
    record Use(boolean write, int id, int text, boolean nested, boolean leaveOpen) {
    }

    @Provide
    Arbitrary<List<Use>> uses() {
        return net.jqwik.api.Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 6),
                        Arbitraries.integers().between(0, 4), Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as(Use::new).list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 60)
    void aRandomMixOfUsesAnswersLikeAnUncachedConnection(@ForAll("uses") List<Use> uses) throws Exception {
        for (Use u : uses) {
            assertThat(apply(cached, u)).isEqualTo(apply(plain, u));
        }
    }

    private static String apply(Connection c, Use u) throws SQLException {
        if (u.write()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t(id, v) VALUES (?, ?) ON CONFLICT(id) DO UPDATE "
                    + "SET v = v || '+' /* " + u.text() + " */")) {
                ps.setInt(1, u.id());
                ps.setString(2, "v" + u.id());
                return "wrote " + ps.executeUpdate();
            }
        }
        String sql = "SELECT v FROM t WHERE id = ? /* " + u.text() + " */";
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            ps.setInt(1, u.id());
            ResultSet rs = ps.executeQuery();
            String seen = rs.next() ? rs.getString(1) : "none";
            if (u.nested()) {
                // the same text again while this one is open, for the next key
                try (PreparedStatement inner = c.prepareStatement(sql)) {
                    inner.setInt(1, u.id() + 1);
                    try (ResultSet in = inner.executeQuery()) {
                        seen += "|" + (in.next() ? in.getString(1) : "none");
                    }
                }
            }
            if (!u.leaveOpen()) {
                rs.close();
            }
            return seen;
        } finally {
            ps.close(); // a caller may forget its result set, never (in this store) its statement
        }
    }
}
