package dev.arbiter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a process has written so far, from Linux's {@code /proc/PID/io}: counts that, like CPU time and unlike
 * wall-clock latency, do not move with the machine's load, so two runs on a busy machine can be compared.
 *
 * @param writeCalls   write system calls of every kind ({@code syscw}: write, pwrite, writev; to files and pipes)
 * @param writtenBytes bytes passed to those calls ({@code wchar})
 * @param storageBytes bytes this process caused to be sent to storage ({@code write_bytes}; 0 on tmpfs)
 */
record ProcessIo(long writeCalls, long writtenBytes, long storageBytes) {

    /** What {@code process} has written so far; empty where the system does not say (not Linux, or it exited). */
    static Optional<ProcessIo> of(ProcessHandle process) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(process.pid()), "io")));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Reads the {@code name: value} lines of {@code /proc/PID/io}; empty when one of the three is missing. */
    static Optional<ProcessIo> parse(String text) {
        long calls = -1;
        long written = -1;
        long storage = -1;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            long value;
            try {
                value = Long.parseLong(line.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                continue;
            }
            switch (name) {
                case "syscw" -> calls = value;
                case "wchar" -> written = value;
                case "write_bytes" -> storage = value;
                default -> { }
            }
        }
        return calls < 0 || written < 0 || storage < 0 ? Optional.empty()
                : Optional.of(new ProcessIo(calls, written, storage));
    }

    /** What was written between {@code before} and this reading. */
    ProcessIo since(ProcessIo before) {
        return new ProcessIo(writeCalls - before.writeCalls, writtenBytes - before.writtenBytes,
                storageBytes - before.storageBytes);
    }
}
