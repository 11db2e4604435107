package dev.arbiter.core.store;

/**
 * What "Test connection" found when it tried a team database ({@link DatabaseProbe#check}).
 * Every message names the server as {@code postgresql://user@host:port/database}, never a password.
 */
public sealed interface ConnectionCheck {

    /** One line for the person at the screen. */
    String message();

    /**
     * The server answered and the login worked.
     *
     * @param server        the server's version string, e.g. "PostgreSQL 15.8"
     * @param schemaVersion the Arbiter schema version the database holds; 0 for an empty database
     * @param knownVersion  the newest schema version this Arbiter ships
     */
    record Reached(DatabaseUrl url, String server, int schemaVersion, int knownVersion) implements ConnectionCheck {
        @Override
        public String message() {
            String schema;
            if (schemaVersion == 0) {
                schema = "the database is empty; Arbiter creates its tables when it first opens it";
            } else if (schemaVersion < knownVersion) {
                schema = "Arbiter schema " + schemaVersion + ", upgraded to " + knownVersion + " when it opens";
            } else if (schemaVersion > knownVersion) {
                schema = "Arbiter schema " + schemaVersion + " from a newer Arbiter: this one opens it read-only";
            } else {
                schema = "Arbiter schema " + schemaVersion + ", up to date";
            }
            return "Connected to " + url + " (" + server + "): " + schema + ".";
        }
    }

    /** The server wants a password that was not given (or the one given was refused). */
    record PasswordNeeded(DatabaseUrl url, String detail) implements ConnectionCheck {
        @Override
        public String message() {
            return url + " wants a password (" + detail + "). Type it in the password field to test, and for every "
                    + "start set PGPASSWORD or add a line to ~/.pgpass; Arbiter never stores it.";
        }
    }

    /** The server could not be reached or refused the login for another reason. */
    record Failed(DatabaseUrl url, String detail) implements ConnectionCheck {
        @Override
        public String message() {
            return "Cannot connect to " + url + ": " + detail;
        }
    }
}
