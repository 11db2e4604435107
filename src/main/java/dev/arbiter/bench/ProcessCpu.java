package dev.arbiter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The CPU time a process has used so far, and how much of it its JIT compiler threads took: a figure per
 * call that, unlike wall-clock latency, hardly moves when other processes load the machine.
 *
 * @param total user + system CPU time of every thread of the process
 * @param jit   of which the HotSpot compiler threads ({@code C1/C2 CompilerThread}); zero where the system does
 *              not tell threads apart (only Linux's {@code /proc} does)
 */
record ProcessCpu(Duration total, Duration jit) {

    /** Linux reports thread CPU times in clock ticks of 1/100 s ({@code getconf CLK_TCK}) on every common kernel. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    /** What {@code process} has used so far; empty when the system says nothing (it has exited, or no support). */
    static Optional<ProcessCpu> of(ProcessHandle process) {
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        if (Files.isDirectory(tasks)) {
            try (Stream<Path> threads = Files.list(tasks)) {
                long[] ticks = new long[2];
                threads.forEach(t -> add(t.resolve("stat"), ticks));
                return Optional.of(new ProcessCpu(Duration.ofNanos(ticks[0] * NANOS_PER_TICK),
                        Duration.ofNanos(ticks[1] * NANOS_PER_TICK)));
            } catch (IOException | java.io.UncheckedIOException e) {
                // fall back to what the JDK tells about the whole process
            }
        }
        return process.info().totalCpuDuration().map(total -> new ProcessCpu(total, Duration.ZERO));
    }

    /** The CPU used between {@code before} and this reading. */
    ProcessCpu since(ProcessCpu before) {
        return new ProcessCpu(total.minus(before.total), jit.minus(before.jit));
    }

    /**
     * Adds one thread's {@code utime + stime} (fields 14 and 15 of {@code /proc/PID/task/TID/stat}) to
     * {@code ticks[0]}, and to {@code ticks[1]} when the thread is a JIT compiler; a thread that ended meanwhile
     * counts nothing.
     */
    private static void add(Path stat, long[] ticks) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            return;
        }
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')'); // the thread name may itself hold parentheses or spaces
        if (open < 0 || close < open) {
            return;
        }
        String name = line.substring(open + 1, close);
        String[] fields = line.substring(close + 2).split(" ");
        if (fields.length < 13) {
            return;
        }
        // after the name: state is field 3 of the line, so utime (14) and stime (15) are at 11 and 12 here
        long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        ticks[0] += used;
        if (name.contains("CompilerThre")) {
            ticks[1] += used;
        }
    }
}
