package dev.tokenledger.usage;

import dev.tokenledger.kernel.EventRevisions;
import org.axonframework.serialization.Revision;
@Revision(EventRevisions.CURRENT)

public record CostCardPublished(CostCard card, String inputHash) {
}
