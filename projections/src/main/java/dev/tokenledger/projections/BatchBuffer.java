package dev.tokenledger.projections;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Collects a projection's writes for the batch of events being processed and flushes them once, as JDBC batches,
 * when the batch's unit of work prepares to commit (in the same transaction as the processor's token). Without a
 * unit of work the writes are flushed at once.
 */
public final class BatchBuffer {

    /**
     * Set while a batch that failed when flushed is retried: writes are then flushed event by event, inside each
     * handler, so the failure names the one event the database refused (ARCHITECTURE.md, "How an event reaches the
     * reports").
     */
    private static volatile boolean isolating;

    private BatchBuffer() {
    }

    public static void isolate(boolean eventByEvent) {
        isolating = eventByEvent;
    }

    public static boolean isolating() {
        return isolating;
    }

    public static <T> void write(String key, Supplier<T> create, Consumer<T> add, Consumer<T> flush) {
        if (isolating || !CurrentUnitOfWork.isStarted()) {
            T buffer = create.get();
            add.accept(buffer);
            flush.accept(buffer);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        T buffer = root.getOrComputeResource(key, k -> {
            T created = create.get();
            root.onPrepareCommit(u -> flush.accept(created));
            return created;
        });
        add.accept(buffer);
    }

    /**
     * Flushes at once what {@code key} holds for the batch being processed, if anything: for a handler about to write
     * directly what the buffered writes must come before (the flush must leave the buffer empty, since it runs again
     * when the batch commits).
     */
    public static <T> void flushNow(String key, Consumer<T> flush) {
        if (isolating || !CurrentUnitOfWork.isStarted()) {
            return;
        }
        T buffer = CurrentUnitOfWork.get().root().getResource(key);
        if (buffer != null) {
            flush.accept(buffer);
        }
    }
}
