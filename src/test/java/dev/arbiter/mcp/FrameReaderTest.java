package dev.arbiter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** The stdio framing: every line comes out whole however the bytes arrive, and an oversized one is skipped. */
class FrameReaderTest {

    /** Hands out at most {@code chunk} bytes per read, as a pipe may. */
    static InputStream trickle(byte[] bytes, int chunk) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    @Property(tries = 200)
    void linesComeOutWholeWhateverTheChunking(@ForAll @Size(max = 20) List<@StringLength(max = 300) String> texts,
                                              @ForAll @IntRange(min = 1, max = 70_000) int chunk) throws IOException {
        List<String> lines = texts.stream().map(t -> "{" + t.replace("\n", "").replace("\r", "") + "}").toList();
        byte[] bytes = (String.join("\r\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        FrameReader reader = new FrameReader(trickle(bytes, chunk));
        List<String> read = new ArrayList<>();
        FrameReader.Read next;
        while ((next = reader.next()) instanceof FrameReader.Frame frame) {
            read.add(new String(frame.bytes(), StandardCharsets.UTF_8));
        }
        assertThat(next).isInstanceOf(FrameReader.End.class);
        assertThat(read).isEqualTo(lines);
    }

    @Property(tries = 100)
    void aLineOverTheLimitIsSkippedAndTheNextOneStillArrives(@ForAll @IntRange(min = 101, max = 5_000) int size,
                                                            @ForAll @IntRange(min = 1, max = 9_000) int chunk)
            throws IOException {
        byte[] bytes = ("x".repeat(size) + "\n{\"ok\":1}\n").getBytes(StandardCharsets.UTF_8);
        FrameReader reader = new FrameReader(trickle(bytes, chunk), 100);
        assertThat(reader.next()).isInstanceOfSatisfying(FrameReader.TooLong.class,
                t -> assertThat(t.bytes()).isEqualTo(size));
        assertThat(reader.next()).isInstanceOfSatisfying(FrameReader.Frame.class,
                f -> assertThat(new String(f.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":1}"));
        assertThat(reader.next()).isInstanceOf(FrameReader.End.class);
    }
}
