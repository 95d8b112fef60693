package dev.tokenledger.adapters.benchmark;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where this JVM's CPU time goes, by kind of thread: the import's own thread, the CSV reader, the projections, the
 * garbage collector, the JIT compilers. Reads every thread's user and system time from {@code /proc/self/task} once a
 * second on its own thread, so a thread that ends before the measurement does (the reader at the end of the file)
 * still counts; the collector's and compilers' threads are not Java threads, so no management bean sees them. Linux
 * only: elsewhere it reports nothing.
 */
final class ThreadCpu implements AutoCloseable {

    /** Linux reports thread times in clock ticks of 1/100 s (USER_HZ, fixed by the kernel's ABI on x86 and ARM). */
    private static final double SECONDS_PER_TICK = 0.01;
    private static final Path TASKS = Path.of("/proc/self/task");

    private final Map<String, String> threadKinds;
    private final Map<Long, Long> atStart;
    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, Long> latest = new HashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    /**
     * @param threadKinds the kind a thread is counted under, by the start of its name (as Linux keeps it: the first 15
     *                    characters); threads matching none count as "other"
     */
    ThreadCpu(Map<String, String> threadKinds) {
        this.threadKinds = threadKinds;
        this.atStart = read(new HashMap<>());
        this.sampler = Thread.ofPlatform().daemon().name("thread-cpu-sampler").start(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private synchronized void sample() {
        latest.putAll(read(names));
    }

    /** CPU seconds by thread kind since this was created, in the order the kinds were given, then "other". */
    synchronized Map<String, Double> secondsByKind() {
        sample();
        Map<String, Double> seconds = new LinkedHashMap<>();
        threadKinds.values().forEach(kind -> seconds.putIfAbsent(kind, 0.0));
        seconds.put("other", 0.0);
        latest.forEach((tid, ticks) -> {
            long used = ticks - atStart.getOrDefault(tid, 0L);
            seconds.merge(kindOf(names.get(tid)), used * SECONDS_PER_TICK, Double::sum);
        });
        seconds.replaceAll((kind, s) -> Math.round(s * 10) / 10.0);
        return seconds;
    }

    private String kindOf(String name) {
        if (name != null) {
            for (Map.Entry<String, String> k : threadKinds.entrySet()) {
                if (name.startsWith(k.getKey())) {
                    return k.getValue();
                }
            }
        }
        return "other";
    }

    /** User plus system ticks of every live thread, by thread id; fills in their names. */
    private static Map<Long, Long> read(Map<Long, String> names) {
        Map<Long, Long> ticks = new TreeMap<>();
        if (!Files.isDirectory(TASKS)) {
            return ticks;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // "tid (name) state ..." where the name may hold spaces and parentheses: fields after the last ')'
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] fields = stat.substring(close + 2).split(" ");
                    long tid = Long.parseLong(stat.substring(0, open).trim());
                    ticks.put(tid, Long.parseLong(fields[11]) + Long.parseLong(fields[12])); // utime, stime
                    names.put(tid, stat.substring(open + 1, close));
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while being read: its last sample stands
                }
            }
        } catch (IOException e) {
            return ticks;
        }
        return ticks;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
