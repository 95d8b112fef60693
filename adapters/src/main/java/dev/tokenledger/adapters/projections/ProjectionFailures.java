package dev.tokenledger.adapters.projections;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the last failure of each projection processor, logs it, and rethrows so the batch rolls back with its
 * token and is retried: a failing event is never skipped. A failure stops counting once the processor's committed
 * token has moved past the failed event.
 */
public class ProjectionFailures implements ListenerInvocationErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ProjectionFailures.class);
    private final Map<String, Failure> lastFailure = new ConcurrentHashMap<>();

    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler handler) throws Exception {
        String group = Optional.ofNullable(handler.getTargetType().getAnnotation(ProcessingGroup.class))
                .map(ProcessingGroup::value).orElse(handler.getTargetType().getPackageName());
        long position = event instanceof TrackedEventMessage<?> tracked
                ? tracked.trackingToken().position().orElse(-1) : -1;
        Failure previous = lastFailure.get(group);
        int attempts = previous != null && previous.eventIdentifier().equals(event.getIdentifier()) ? previous.attempts() + 1 : 1;
        lastFailure.put(group, new Failure(event.getIdentifier(), event.getPayloadType().getSimpleName(), position,
                exception.toString(), handler.getTargetType().getSimpleName(), Instant.now(), attempts));
        log.error("Projection {} failed on event {} ({}) at position {}, attempt {}; it will be retried, not skipped",
                group, event.getIdentifier(), event.getPayloadType().getSimpleName(), position, attempts, exception);
        throw exception;
    }

    /** The failure still holding the processor back, if its committed position has not passed the failed event. */
    public Optional<Failure> blocking(String processor, long committedPosition) {
        Failure failure = lastFailure.get(processor);
        if (failure == null || committedPosition >= failure.position()) {
            return Optional.empty();
        }
        return Optional.of(failure);
    }

    public record Failure(String eventIdentifier, String eventType, long position, String error, String handler,
                          Instant at, int attempts) {
    }
}
