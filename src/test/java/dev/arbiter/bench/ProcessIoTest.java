package dev.arbiter.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write counts of {@code arbiter bench mcp}: read from this JVM's own /proc/PID/io while it writes. */
class ProcessIoTest {

    @TempDir
    Path dir;

    @Test
    void writesOfThisProcessAreCountedInCallsAndBytes() throws Exception {
        ProcessIo before = ProcessIo.of(ProcessHandle.current()).orElseThrow();
        try (var channel = java.nio.channels.FileChannel.open(dir.resolve("f"), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE)) {
            for (int i = 0; i < 10; i++) {
                channel.write(java.nio.ByteBuffer.wrap(new byte[1000]), i * 1000L);
            }
        }
        ProcessIo wrote = ProcessIo.of(ProcessHandle.current()).orElseThrow().since(before);
        // other threads of this JVM (the test runner's reporting) may write too: at least ours show
        assertThat(wrote.writeCalls()).isGreaterThanOrEqualTo(10);
        assertThat(wrote.writtenBytes()).isGreaterThanOrEqualTo(10_000);
        assertThat(wrote.storageBytes()).isGreaterThanOrEqualTo(0);
        assertThat(Files.size(dir.resolve("f"))).isEqualTo(10_000);
    }

    @Test
    void aReadingWithoutOneOfTheThreeFiguresIsNoReading() {
        assertThat(ProcessIo.parse("rchar: 1\nwchar: 20\nsyscr: 3\nsyscw: 4\nread_bytes: 0\nwrite_bytes: 4096\n"))
                .contains(new ProcessIo(4, 20, 4096));
        assertThat(ProcessIo.parse("wchar: 20\nsyscw: 4\n")).isEmpty();
        assertThat(ProcessIo.parse("wchar: x\nsyscw: 4\nwrite_bytes: 0")).isEmpty();
    }
}
