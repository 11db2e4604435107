package dev.arbiter.telemetry;

import dev.arbiter.core.audit.AuditReader;
import dev.arbiter.core.audit.ExportFormat;
import dev.arbiter.core.audit.LedgerEntry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The continuous SIEM export: follows the ledger as it grows (entries written by any process on the
 * workspace: it reads by seq from the database, not from this process's events) and sends each entry
 * once, in chain order, as an OCSF or CEF line to a file or a syslog collector. A restart resumes after
 * the last entry the sink holds ({@link TailSink#lastSeq()}).
 */
public final class AuditTail {

    /** Entries read per round trip; bounds memory whatever the backlog. */
    static final int BATCH = 500;

    private final AuditReader reader;
    private final ExportFormat format;
    private final TailSink sink;
    private final Duration poll;

    private AuditTail(AuditReader reader, ExportFormat format, TailSink sink, Duration poll) {
        if (format == ExportFormat.CSV) {
            throw new IllegalArgumentException("the continuous export writes ocsf, cef or jsonl lines, not csv");
        }
        this.reader = reader;
        this.format = format;
        this.sink = sink;
        this.poll = poll;
    }

    /** Follows into {@code file}, appending; the file itself says where a restart resumes. */
    public static AuditTail toFile(AuditReader reader, ExportFormat format, Path file, Duration poll)
            throws IOException {
        return new AuditTail(reader, format, new FileTailSink(file, format), poll);
    }

    /** Follows to a syslog collector; {@code bookmark} keeps the last seq sent. */
    public static AuditTail toSyslog(AuditReader reader, ExportFormat format, InetSocketAddress target, boolean tcp,
            Path bookmark, Duration poll) throws IOException {
        return new AuditTail(reader, format, new SyslogTailSink(target, tcp, bookmark,
                format.name().toLowerCase(java.util.Locale.ROOT)), poll);
    }

    /**
     * Sends entries until {@code stop} says so (checked between batches and polls); with {@code follow}
     * false, stops once it has caught up. Returns how many entries were sent.
     *
     * @throws IOException when the sink cannot be written (the bookmark stays at the last batch sent)
     */
    public long run(boolean follow, BooleanSupplier stop) throws IOException, InterruptedException {
        long last = sink.lastSeq();
        long sent = 0;
        while (!stop.getAsBoolean()) {
            List<LedgerEntry> batch = reader.after(last, BATCH);
            if (batch.isEmpty()) {
                if (!follow) {
                    break;
                }
                Thread.sleep(poll.toMillis());
                continue;
            }
            for (LedgerEntry entry : batch) {
                sink.send(entry.seq(), format.line(entry));
            }
            last = batch.get(batch.size() - 1).seq();
            sink.commit(last);
            sent += batch.size();
        }
        return sent;
    }

    /** Closes the file or connection. */
    public void close() throws IOException {
        sink.close();
    }
}
