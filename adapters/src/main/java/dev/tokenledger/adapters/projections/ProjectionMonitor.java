package dev.tokenledger.adapters.projections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Where each streaming processor stands against the head of the event store. Positions come from the tokens
 * committed in {@code token_entry} (written in the same transaction as the projection rows), so "caught up" means
 * the rows are there, not merely that a thread has seen the events.
 */
@Component
public class ProjectionMonitor {

    private static final Field<String> PROCESSOR = DSL.field(DSL.name("processor_name"), SQLDataType.VARCHAR);
    private static final Field<Integer> SEGMENT = DSL.field(DSL.name("segment"), SQLDataType.INTEGER);
    private static final Field<byte[]> TOKEN = DSL.field(DSL.name("token"), SQLDataType.BLOB);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final DSLContext db;
    private final ProjectionFailures failures;
    private final ProjectionExclusions exclusions;
    private final LedgerReadiness readiness;
    /** Set by the rebuilder while every projection is being rebuilt. */
    private volatile boolean rebuilding;

    public ProjectionMonitor(EventProcessingConfiguration processing, EventStore eventStore, DSLContext db,
                             ProjectionFailures failures, ProjectionExclusions exclusions, LedgerReadiness readiness) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.db = db;
        this.failures = failures;
        this.exclusions = exclusions;
        this.readiness = readiness;
    }

    void rebuilding(boolean running) {
        rebuilding = running;
    }

    public boolean rebuilding() {
        return rebuilding;
    }

    /**
     * As of which event the read models stand, read in the caller's transaction (a report reads its rows and this in
     * one snapshot): the lowest position every projection processor has committed, the newest stored event, and
     * whether the view is complete (caught up, not rebuilding, no event failing or excluded).
     */
    public ReadPosition readPosition() {
        List<ProcessorStatus> status = status();
        long position = status.stream().mapToLong(ProcessorStatus::position).min().orElse(-1);
        long head = headPosition();
        boolean failing = status.stream().anyMatch(s -> !s.errors().isEmpty());
        int excluded = exclusions.excluded().size();
        boolean loading = readiness.isLoading();
        boolean complete = position >= head && !rebuilding && !failing && excluded == 0 && !loading;
        return new ReadPosition(position, head, Math.max(0, head - position), complete, rebuilding, failing, excluded, loading);
    }

    /**
     * @param position       the event position the read models have committed (-1: none)
     * @param head           the newest event in the store (-1: empty)
     * @param complete       true when the view holds every stored event and nothing is failing or excluded
     * @param excludedEvents events left out of the projections by operators' decisions
     * @param loading        true while the ledger is still loading data at start (the demo company's history)
     */
    public record ReadPosition(long position, long head, long lag, boolean complete, boolean rebuilding, boolean failing,
                               int excludedEvents, boolean loading) {
    }

    /** Checks the processors every few seconds, so a failure that has been passed is forgotten promptly. */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "PT3S", initialDelayString = "PT3S")
    void watch() {
        status();
    }

    public List<StreamingEventProcessor> processors() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .toList();
    }

    public long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    public List<ProcessorStatus> status() {
        long head = headPosition();
        List<ProcessorStatus> result = new ArrayList<>();
        for (StreamingEventProcessor processor : processors()) {
            var tokens = db.select(SEGMENT, TOKEN).from(DSL.table(DSL.name("token_entry")))
                    .where(PROCESSOR.eq(processor.getName())).fetch();
            long position = tokens.isEmpty() ? -1 : Long.MAX_VALUE;
            for (var token : tokens) {
                position = Math.min(position, committedPosition(token.get(TOKEN)));
            }
            boolean replaying = processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isReplaying)
                    && position < head;
            List<String> errors = new ArrayList<>();
            var failure = failures.blocking(processor.getName(), position);
            for (EventTrackerStatus s : processor.processingStatus().values()) {
                if (failure.isEmpty() && s.isErrorState() && s.getError() != null) {
                    errors.add("segment " + s.getSegment().getSegmentId() + ": " + ProjectionFailures.describe(s.getError()));
                }
            }
            failure.ifPresent(f -> errors.add(f.eventIdentifier() != null
                    ? "event " + f.eventIdentifier() + " (" + f.eventType() + ") at position " + f.position() + " failed "
                            + f.attempts() + " time(s) in " + f.handler() + ": " + f.error()
                    : "the " + f.eventType() + " at positions " + f.position() + " to " + f.lastPosition()
                            + " could not be committed (" + f.error() + "); retrying event by event to name the event at fault"));
            boolean caughtUp = processor.isRunning() && errors.isEmpty() && (head < 0 || position >= head);
            double percent = head <= 0 ? 100.0 : Math.max(0, Math.min(100.0, 100.0 * Math.max(position, 0) / head));
            result.add(new ProcessorStatus(processor.getName(), processor.isRunning(), replaying || rebuilding, tokens.size(),
                    position, head, Math.max(0, head - position), Math.round(percent * 10) / 10.0, caughtUp, errors,
                    failure.orElse(null)));
        }
        return result;
    }

    /** Index of the last event a stored token has processed; a replay token counts where its replay has got to. */
    static long committedPosition(byte[] token) {
        if (token == null) {
            return -1;
        }
        try {
            return indexOf(JSON.readTree(new String(token, StandardCharsets.UTF_8)));
        } catch (Exception e) {
            return -1;
        }
    }

    private static long indexOf(JsonNode token) {
        if (token == null || token.isNull()) {
            return -1;
        }
        if (token.has("index")) {
            return token.get("index").asLong();
        }
        if (token.has("currentToken")) {
            return indexOf(token.get("currentToken"));
        }
        if (token.has("lowerSegmentToken")) {
            return Math.min(indexOf(token.get("lowerSegmentToken")), indexOf(token.get("upperSegmentToken")));
        }
        return -1;
    }

    /** Stops and starts every processor: a failing one retries at once instead of after its back-off. */
    public synchronized void restartProcessors() {
        for (StreamingEventProcessor processor : processors()) {
            processor.shutDown();
            processor.start();
        }
    }

    public boolean caughtUp() {
        return status().stream().allMatch(ProcessorStatus::caughtUp);
    }

    /** Blocks until every projection has committed every event stored when the call began. */
    public void awaitCaughtUp(Duration timeout) throws TimeoutException, InterruptedException {
        awaitPosition(headPosition(), timeout);
    }

    public void awaitPosition(long target, Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ProcessorStatus> status = status();
            if (status.stream().allMatch(s -> s.running() && s.errors().isEmpty() && s.position() >= target)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("projections not caught up with position " + target + ": " + status);
            }
            Thread.sleep(20);
        }
    }

    /**
     * @param position lowest position any segment has committed (-1: nothing yet)
     * @param head     position of the newest stored event (-1: empty store)
     * @param percent  progress, position / head
     */
    public record ProcessorStatus(String name, boolean running, boolean replaying, int segments, long position,
                                  long head, long lag, double percent, boolean caughtUp, List<String> errors,
                                  ProjectionFailures.Failure failure) {
    }
}
