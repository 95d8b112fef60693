package dev.tokenledger.adapters.projections;

import dev.tokenledger.projections.BatchBuffer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every failure of a projection processor, from either path: a handler that throws (this is its listener error
 * handler) or a batch whose buffered writes the database refuses at commit (this is its error handler). Either way
 * the batch rolls back with its token and is retried: an event is never skipped. A batch failure cannot name its
 * event, so the retry runs event by event ({@link BatchBuffer#isolate}) until the failing one is named. The failure
 * is what health and the projection status show, worded without SQL; the full detail goes to the log.
 */
public class ProjectionFailures implements ListenerInvocationErrorHandler, ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ProjectionFailures.class);
    private final Map<String, Failure> lastFailure = new ConcurrentHashMap<>();
    /** The exception a handler failure was already attributed with, per processor, so the batch path skips it. */
    private final Map<String, Throwable> attributed = new ConcurrentHashMap<>();

    /**
     * @param eventIdentifier the failing event (null while only its batch is known)
     * @param position        its position in the event store (a batch: the first one)
     * @param lastPosition    the last position of the batch it was in
     * @param handler         the projection that failed, or "batch write" for a failure at commit
     * @param error           what went wrong, in words (never SQL text)
     */
    public record Failure(String processor, String eventIdentifier, String eventType, long position, long lastPosition,
                          String handler, String error, Instant firstSeen, Instant lastSeen, int attempts) {
    }

    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler handler) throws Exception {
        String processor = Optional.ofNullable(handler.getTargetType().getAnnotation(ProcessingGroup.class))
                .map(ProcessingGroup::value).orElse(handler.getTargetType().getPackageName());
        long position = positionOf(event);
        record(new Failure(processor, event.getIdentifier(), event.getPayloadType().getSimpleName(), position, position,
                handler.getTargetType().getSimpleName(), describe(exception), Instant.now(), Instant.now(), 1));
        attributed.put(processor, exception);
        log.error("Projection {} failed on event {} ({}) at position {} in {}; it will be retried, not skipped",
                processor, event.getIdentifier(), event.getPayloadType().getSimpleName(), position,
                handler.getTargetType().getSimpleName(), exception);
        throw exception;
    }

    @Override
    public void handleError(ErrorContext context) throws Exception {
        String processor = context.eventProcessor();
        Throwable error = context.error();
        Throwable known = attributed.remove(processor);
        if (!causedBy(error, known)) {
            List<? extends EventMessage<?>> events = context.failedEvents();
            long first = events.isEmpty() ? -1 : positionOf(events.getFirst());
            long last = events.isEmpty() ? -1 : positionOf(events.getLast());
            record(new Failure(processor, null, "batch of " + events.size() + " event(s)", first, last, "batch write",
                    describe(error), Instant.now(), Instant.now(), 1));
            // the retry writes event by event, so the failure names the event the database refuses
            BatchBuffer.isolate(true);
            log.error("Projection {} could not commit the batch of events {} to {}; retrying event by event to name "
                    + "the one at fault", processor, first, last, error);
        }
        if (error instanceof Exception exception) {
            throw exception;
        }
        throw (Error) error;
    }

    private void record(Failure failure) {
        lastFailure.merge(failure.processor(), failure, (earlier, now) -> {
            boolean same = earlier.position() == now.position()
                    && java.util.Objects.equals(earlier.eventIdentifier(), now.eventIdentifier());
            return same ? new Failure(now.processor(), now.eventIdentifier(), now.eventType(), now.position(),
                    now.lastPosition(), now.handler(), now.error(), earlier.firstSeen(), now.lastSeen(),
                    earlier.attempts() + 1) : now;
        });
    }

    /**
     * The failure still holding the processor back, if its committed position has not passed the failed event (or
     * batch). Once it has, the failure is forgotten and writes go back to batches.
     */
    public Optional<Failure> blocking(String processor, long committedPosition) {
        Failure failure = lastFailure.get(processor);
        if (failure == null) {
            return Optional.empty();
        }
        long passed = failure.eventIdentifier() != null ? failure.position() : failure.lastPosition();
        if (committedPosition >= passed) {
            lastFailure.remove(processor, failure);
            if (lastFailure.isEmpty()) {
                BatchBuffer.isolate(false);
            }
            log.info("Projection {} is past the event that failed at position {}", processor, failure.position());
            return Optional.empty();
        }
        return Optional.of(failure);
    }

    public Optional<Failure> current(String processor) {
        return Optional.ofNullable(lastFailure.get(processor));
    }

    /** What went wrong, for the projection status: the database's own words or the error's message, no SQL text. */
    static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                return "the database refused the write (SQLSTATE " + psql.getSQLState() + "): "
                        + abbreviate(psql.getServerErrorMessage().getMessage());
            }
            if (t instanceof SQLException sql) {
                return "the database refused the write (SQLSTATE " + sql.getSQLState() + "): "
                        + abbreviate(withoutStatement(sql.getMessage()));
            }
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "no message" : withoutStatement(root.getMessage());
        return abbreviate(message);
    }

    private static String withoutStatement(String message) {
        if (message == null) {
            return "no message";
        }
        for (String marker : new String[]{"; SQL statement", "SQL [", "\nSQL statement"}) {
            int at = message.indexOf(marker);
            if (at >= 0) {
                message = message.substring(0, at);
            }
        }
        return message.strip();
    }

    private static String abbreviate(String text) {
        return text == null ? "no message" : text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private static boolean causedBy(Throwable error, Throwable known) {
        for (Throwable t = error; t != null && known != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t == known) {
                return true;
            }
        }
        return false;
    }

    private static long positionOf(EventMessage<?> event) {
        return event instanceof TrackedEventMessage<?> tracked ? tracked.trackingToken().position().orElse(-1) : -1;
    }
}
