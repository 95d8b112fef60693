package dev.tokenledger.operations;

import dev.tokenledger.kernel.ClientRequest;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An operator's decision that one stored event, which the projections cannot store, is left out of them: the last
 * resort when a fix is not possible. The event stays in the event store untouched; every report says that events
 * are excluded, and a rebuild leaves out exactly the same ones.
 *
 * @param eventIdentifier the stored event's identifier (as the projection status names it)
 * @param globalIndex     its position in the event store
 * @param reason          why, for the audit trail
 */
public record ExcludeEventFromProjections(String requestId, String eventIdentifier, long globalIndex, String reason)
        implements ClientRequest {

    @Override
    public String clientRequestId() {
        return requestId;
    }

    @TargetAggregateIdentifier
    public String decisionsId() {
        return ProjectionDecisions.ID;
    }
}
