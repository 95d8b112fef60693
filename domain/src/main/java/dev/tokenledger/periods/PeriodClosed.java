package dev.tokenledger.periods;

import dev.tokenledger.kernel.EventRevisions;
import org.axonframework.serialization.Revision;
import java.time.YearMonth;

/** {@code inputHash} fingerprints the request, so a retry under the same request id is recognised. */
@Revision(EventRevisions.CURRENT)
public record PeriodClosed(YearMonth period, String requestId, String inputHash) {
}
