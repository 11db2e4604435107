package dev.arbiter.core.audit;

import dev.arbiter.core.store.DatabaseOfflineException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Why the audit ledger cannot be written, in words a person can act on: what
 * happened, where, and what to do (issue 13 §3: {@code /v1/health} says why it
 * is degraded). Every cause ends the same way for agents: decisions are refused
 * (503), never given unaudited, and resume by themselves once an entry can be
 * written again.
 */
sealed interface LedgerWriteFailure {

    /** The sentence {@link LedgerHealth.Failing#reason()} carries. */
    String reason();

    /** The disk holding the database has no room left. */
    record DiskFull(String where, String detail) implements LedgerWriteFailure {
        @Override
        public String reason() {
            return "the audit ledger cannot be written: the disk holding " + where + " is full (" + detail + "). "
                    + "Free space on that disk; decisions are refused until then and resume by themselves.";
        }
    }

    /** The file system is read-only (remounted after disk errors, or mounted so), or the files are not writable. */
    record ReadOnly(String where, String detail) implements LedgerWriteFailure {
        @Override
        public String reason() {
            return "the audit ledger cannot be written: " + where + " is on a read-only file system or cannot be "
                    + "written by this user (" + detail + "). A file system the system turned read-only after disk "
                    + "errors needs checking (see the system log, then fsck) and mounting read-write again; else fix "
                    + "the files' permissions. Decisions are refused until then.";
        }
    }

    /** The disk failed a read or write. */
    record DiskError(String where, String detail) implements LedgerWriteFailure {
        @Override
        public String reason() {
            return "the audit ledger cannot be written: a disk error on " + where + " (" + detail + "). Check the "
                    + "disk and the system log (then fsck, and mount the file system read-write again if the system "
                    + "turned it read-only); decisions are refused until an entry can be written, then resume by "
                    + "themselves.";
        }
    }

    /** The database server (team mode) cannot be reached. */
    record ServerUnreachable(String where, String detail) implements LedgerWriteFailure {
        @Override
        public String reason() {
            return "the audit ledger cannot be written: the database server " + where + " cannot be reached ("
                    + detail + "). Start it, or check the network and --database; decisions are refused until it "
                    + "is back, then resume by themselves.";
        }
    }

    /** Anything else: the log has the detail. */
    record Other(String detail) implements LedgerWriteFailure {
        @Override
        public String reason() {
            return "the audit ledger cannot be written: " + detail + ". See the Arbiter log for the detail; "
                    + "decisions are refused until an entry can be written.";
        }
    }

    /**
     * Names the cause of {@code failure}, a failed write to the database described as {@code where} (its file, or
     * its server's URL without password). SQLite's result codes and PostgreSQL's SQLSTATE classes are read from
     * the messages and states the drivers give (53: insufficient resources; 25006: read-only transaction; 08:
     * connection). SQLite reports a file system the kernel turned read-only, or one without room for a new page
     * of its journal, as a bare I/O error: then a small file is created in {@code directory} (the database's,
     * or null for a server) and its error, if any, names the cause.
     */
    static LedgerWriteFailure of(Throwable failure, String where, java.nio.file.Path directory) {
        LedgerWriteFailure named = named(failure, where);
        if (named instanceof DiskError && directory != null) {
            try {
                java.nio.file.Files.delete(java.nio.file.Files.createTempFile(directory, ".arbiter-probe", ".tmp"));
            } catch (java.io.IOException | RuntimeException probe) {
                LedgerWriteFailure cause = named(probe, where);
                return cause instanceof DiskError || cause instanceof Other ? named : cause;
            }
        }
        return named;
    }

    private static LedgerWriteFailure named(Throwable failure, String where) {
        String detail = rootMessage(failure);
        if (DatabaseOfflineException.among(failure)) {
            return new ServerUnreachable(where, detail);
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            String state = t instanceof SQLException sql && sql.getSQLState() != null ? sql.getSQLState() : "";
            if (text.contains("sqlite_full") || text.contains("disk is full") || text.contains("no space left")
                    || state.startsWith("53")) {
                return new DiskFull(where, detail);
            }
            if (text.contains("sqlite_readonly") || text.contains("readonly database") || text.contains("read-only")
                    || state.equals("25006")) {
                return new ReadOnly(where, detail);
            }
            if (text.contains("sqlite_ioerr") || text.contains("disk i/o error")) {
                return new DiskError(where, detail);
            }
            if (state.startsWith("08")) {
                return new ServerUnreachable(where, detail);
            }
        }
        return new Other(detail);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
