package dev.arbiter.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One HTTP throughput run against the gateway: {@code clients} kept-alive connections posting the benchmark's
 * decision mix ({@link GatewayBenchmark#json}) as fast as answers come back, for a number of seconds.
 *
 * @param perSecond    decisions answered per second of wall time
 * @param perCpuSecond decisions answered per second of this process's CPU time (server and clients together, the
 *                     figure a loaded machine moves least)
 * @param latencies    each request's time to its answer
 * @param failures     answers other than 200
 * @param cpuNanos     this process's CPU time over the run, in nanoseconds
 * @param seconds      the run's wall time, in seconds
 */
record HttpThroughput(double perSecond, double perCpuSecond, Latencies latencies, long failures, long cpuNanos,
                      double seconds) {

    /** Runs for {@code seconds} (at least 1) with {@code clients} (at least 1) connections to the gateway on {@code port}. */
    static HttpThroughput measure(int port, String token, int clients, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            AtomicLong failures = new AtomicLong();
            List<Future<Latencies>> workers = new ArrayList<>();
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                int client = c;
                workers.add(pool.submit(() -> {
                    Latencies mine = new Latencies();
                    try (LoopbackClient http = new LoopbackClient("127.0.0.1", port, token)) {
                        for (int i = client; System.nanoTime() < end; i += clients) {
                            byte[] body = GatewayBenchmark.json(i);
                            long t0 = System.nanoTime();
                            LoopbackClient.Response r = http.post("/v1/actions", body);
                            mine.record(System.nanoTime() - t0);
                            if (r.status() != 200) {
                                failures.incrementAndGet();
                            }
                        }
                    }
                    return mine;
                }));
            }
            Latencies all = new Latencies();
            for (Future<Latencies> w : workers) {
                all.addAll(w.get());
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long cpu = processCpuNanos() - cpuStart;
            return new HttpThroughput(all.count() / elapsed, all.count() / Math.max(1e-9, cpu / 1e9), all,
                    failures.get(), cpu, elapsed);
        } finally {
            pool.shutdown();
        }
    }

    /** CPU time of this whole process (server and clients), or 0 where the JVM cannot say. */
    static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }
}
