package dev.tokenledger.operations;

import dev.tokenledger.kernel.EventRevisions;
import org.axonframework.serialization.Revision;

/** An operator left one stored event out of the projections, for the reason given (see the command). */
@Revision(EventRevisions.CURRENT)
public record EventExcludedFromProjections(String requestId, String eventIdentifier, long globalIndex, String reason,
                                           String inputHash) {
}
