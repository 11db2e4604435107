package dev.arbiter.bench;

/** One line describing where a benchmark ran, printed with every result. */
public final class Machine {

    private Machine() {
    }

    /** " (load 2.41)": the one-minute load average now, to print beside each figure; empty where unknown. */
    public static String load() {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "" : String.format(" (load %.2f)", load);
    }

    public static String describe() {
        Runtime rt = Runtime.getRuntime();
        return String.format("%d cores, %s %s %s, Java %s, max heap %d MiB", rt.availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                System.getProperty("java.version"), rt.maxMemory() / (1024 * 1024));
    }
}
