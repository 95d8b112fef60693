package dev.tokenledger.adapters.projections;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;

/** Where each streaming processor stands against the head of the event store. */
@Component
public class ProjectionMonitor {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    public ProjectionMonitor(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
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
            Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
            long position = segments.isEmpty() ? -1 : Long.MAX_VALUE;
            boolean replaying = false;
            List<String> errors = new ArrayList<>();
            for (EventTrackerStatus s : segments.values()) {
                OptionalLong p = s.getCurrentPosition();
                position = Math.min(position, p.orElse(-1));
                replaying |= s.isReplaying();
                if (s.isErrorState() && s.getError() != null) {
                    errors.add("segment " + s.getSegment().getSegmentId() + ": " + s.getError());
                }
            }
            boolean caughtUp = processor.isRunning() && !segments.isEmpty() && position >= head && !replaying
                    && errors.isEmpty();
            if (head < 0 && processor.isRunning() && errors.isEmpty()) {
                caughtUp = true;
            }
            double percent = head <= 0 ? 100.0 : Math.max(0, Math.min(100.0, 100.0 * Math.max(position, 0) / head));
            result.add(new ProcessorStatus(processor.getName(), processor.isRunning(), replaying, segments.size(),
                    position, head, Math.max(0, head - position), Math.round(percent * 10) / 10.0, caughtUp, errors));
        }
        return result;
    }

    public boolean caughtUp() {
        return status().stream().allMatch(ProcessorStatus::caughtUp);
    }

    /** Blocks until every projection has processed every event stored when the call began. */
    public void awaitCaughtUp(Duration timeout) throws TimeoutException, InterruptedException {
        long target = headPosition();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ProcessorStatus> status = status();
            boolean done = status.stream().allMatch(s -> s.running() && !s.replaying() && s.errors().isEmpty()
                    && (target < 0 || s.position() >= target) && s.segments() > 0);
            if (done) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("projections not caught up with position " + target + ": " + status);
            }
            Thread.sleep(20);
        }
    }

    /**
     * @param position lowest position any segment has processed (-1: nothing yet)
     * @param head     position of the newest stored event (-1: empty store)
     * @param percent  progress of a rebuild, position / head
     */
    public record ProcessorStatus(String name, boolean running, boolean replaying, int segments, long position,
                                  long head, long lag, double percent, boolean caughtUp, List<String> errors) {
    }
}
