package dev.tokenledger.contracts;

import dev.tokenledger.kernel.EventRevisions;
import org.axonframework.serialization.Revision;

/** A version of a standalone selling price was published; contracts signed on or after its date use it. */
@Revision(EventRevisions.CURRENT)
public record StandaloneSellingPricePublished(String requestId, SspTerms terms, String inputHash) {
}
