package dev.arbiter.telemetry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.audit.ExportFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Appends lines to a file, which is also its own bookmark: a restarted tail reads the seq of the file's
 * last complete line and goes on after it, and a line cut short by a crash is cut off first. So the file
 * never holds an entry twice and never misses one, whatever moment the previous run stopped at.
 */
final class FileTailSink implements TailSink {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CEF_SEQ = Pattern.compile(" externalId=(\\d+)");

    private final Path file;
    private final ExportFormat format;
    private final FileChannel channel;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(1 << 16);

    FileTailSink(Path file, ExportFormat format) throws IOException {
        this.file = file;
        this.format = format;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
    }

    @Override
    public long lastSeq() throws IOException {
        long end = channel.size();
        long lastBreak = lastNewlineBefore(end);
        if (lastBreak + 1 != end) {
            channel.truncate(lastBreak + 1); // a partial line from an interrupted run
            channel.force(true);
            end = lastBreak + 1;
        }
        if (end == 0) {
            return 0;
        }
        long start = lastNewlineBefore(end - 1) + 1;
        ByteBuffer line = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, end - 1 - start));
        channel.read(line, start);
        return seqOf(new String(line.array(), 0, line.position(), StandardCharsets.UTF_8));
    }

    /** The position of the last '\n' before {@code end}, or -1. */
    private long lastNewlineBefore(long end) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(64 * 1024);
        long pos = end;
        while (pos > 0) {
            int n = (int) Math.min(block.capacity(), pos);
            block.clear().limit(n);
            channel.read(block, pos - n);
            for (int i = n - 1; i >= 0; i--) {
                if (block.get(i) == '\n') {
                    return pos - n + i;
                }
            }
            pos -= n;
        }
        return -1;
    }

    private long seqOf(String line) throws IOException {
        if (format == ExportFormat.CEF) {
            int header = CefHeader.end(line);
            Matcher m = CEF_SEQ.matcher(line);
            if (header >= 0 && m.find(header)) {
                return Long.parseLong(m.group(1));
            }
        } else {
            var node = JSON.readTree(line);
            var seq = format == ExportFormat.OCSF ? node.at("/metadata/sequence") : node.get("seq");
            if (seq != null && seq.canConvertToLong()) {
                return seq.asLong();
            }
        }
        throw new IOException(file + " does not end with a " + format.name().toLowerCase(java.util.Locale.ROOT)
                + " line Arbiter wrote; tail to a new file, or move this one aside");
    }

    @Override
    public void send(long seq, String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        pending.write(bytes, 0, bytes.length);
    }

    @Override
    public void commit(long seq) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(pending.toByteArray());
        long at = channel.size();
        while (out.hasRemaining()) {
            at += channel.write(out, at);
        }
        channel.force(false);
        pending.reset();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Finds where a CEF line's header ends (after its seventh unescaped '|'). */
    static final class CefHeader {
        private CefHeader() {
        }

        static int end(String line) {
            int pipes = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '|' && ++pipes == 7) {
                    return i + 1;
                }
            }
            return -1;
        }
    }
}
