package dev.tokenledger.adapters.projections;

import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Drops and rebuilds every projection from the event store: stop each streaming processor, reset its tokens
 * (its {@code @ResetHandler}s truncate its tables), start it again, and follow it until it has caught up.
 */
@Component
public class ProjectionRebuilder {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilder.class);
    private final ProjectionMonitor monitor;
    private final AtomicReference<Rebuild> current = new AtomicReference<>();
    private final AtomicBoolean running = new AtomicBoolean();

    public ProjectionRebuilder(ProjectionMonitor monitor) {
        this.monitor = monitor;
    }

    /** Runs a full rebuild in the calling thread, reporting progress to {@code progress} about once a second. */
    public Rebuild rebuild(Duration timeout, Consumer<String> progress) throws TimeoutException, InterruptedException {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("a rebuild is already running");
        }
        Rebuild started = new Rebuild(Instant.now(), null, monitor.headPosition(), "RUNNING");
        current.set(started);
        monitor.rebuilding(true);
        try {
            for (StreamingEventProcessor processor : monitor.processors()) {
                progress.accept("resetting " + processor.getName());
                processor.shutDown();
                processor.resetTokens();
                processor.start();
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            long nextReport = 0;
            while (monitor.status().stream().anyMatch(s -> !s.running() || s.position() < started.head())) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("rebuild did not finish within " + timeout + ": " + monitor.status());
                }
                if (System.nanoTime() > nextReport) {
                    monitor.status().forEach(s -> progress.accept(String.format(
                            "rebuild %s: %,d / %,d events (%.1f%%)%s", s.name(), Math.max(0, s.position()), s.head(),
                            s.percent(), s.errors().isEmpty() ? "" : " errors: " + s.errors())));
                    nextReport = System.nanoTime() + 1_000_000_000L;
                }
                Thread.sleep(25);
            }
            Rebuild done = new Rebuild(started.startedAt(), Instant.now(), started.head(), "DONE");
            current.set(done);
            progress.accept("rebuild done: " + (started.head() + 1) + " events in "
                    + Duration.between(done.startedAt(), done.finishedAt()).toMillis() + " ms");
            return done;
        } catch (TimeoutException | InterruptedException | RuntimeException e) {
            current.set(new Rebuild(started.startedAt(), Instant.now(), started.head(), "FAILED: " + e.getMessage()));
            throw e;
        } finally {
            monitor.rebuilding(false);
            running.set(false);
        }
    }

    /** Starts a rebuild in the background (for the HTTP API); progress is in {@link #lastRebuild()} and the monitor. */
    public Rebuild rebuildInBackground() {
        if (running.get()) {
            return current.get();
        }
        Rebuild last = current.get();
        Thread.ofPlatform().name("projection-rebuild").start(() -> {
            try {
                rebuild(Duration.ofHours(6), log::info);
            } catch (Exception e) {
                log.error("Projection rebuild failed", e);
            }
        });
        long until = System.currentTimeMillis() + 2000;
        while (current.get() == last && System.currentTimeMillis() < until) {
            Thread.onSpinWait();
        }
        return current.get();
    }

    public Rebuild lastRebuild() {
        return current.get();
    }

    /** @param head position of the newest event when the rebuild began; the rebuild is done when it is processed */
    public record Rebuild(Instant startedAt, Instant finishedAt, long head, String state) {
    }
}
