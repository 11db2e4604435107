package dev.arbiter.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The CPU figure of {@code arbiter bench mcp}: read from the running JVM itself, while it burns CPU. */
class ProcessCpuTest {

    @Test
    void cpuSpentByThisProcessIsCountedAndTheJitShareIsPartOfIt() {
        ProcessCpu before = ProcessCpu.of(ProcessHandle.current()).orElseThrow();
        burn(Duration.ofMillis(300));
        ProcessCpu used = ProcessCpu.of(ProcessHandle.current()).orElseThrow().since(before);

        // 300 ms of this thread's CPU, counted in ticks of 10 ms: at least most of it shows, whatever the load
        assertThat(used.total()).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(used.jit()).isBetween(Duration.ZERO, used.total());
    }

    @Test
    void theProxyIsTheJavaChildNotAnyOtherChild() throws Exception {
        Process notJava = new ProcessBuilder("sleep", "60").start();
        try {
            assertThat(McpBenchmark.proxyProcessOf(ProcessHandle.current())
                    .filter(p -> p.pid() == notJava.pid())).isEmpty();
        } finally {
            notJava.destroyForcibly();
        }
    }

    /** Spins until this thread has used {@code cpu} of CPU time (not wall time: the machine may be loaded). */
    private static void burn(Duration cpu) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + cpu.toNanos();
        long x = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            for (int i = 0; i < 10_000; i++) {
                x += i * 31L ^ x;
            }
        }
        assertThat(x).isNotEqualTo(42); // keeps the loop from being optimised away
    }
}
