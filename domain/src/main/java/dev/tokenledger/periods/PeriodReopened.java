package dev.tokenledger.periods;

import dev.tokenledger.kernel.EventRevisions;
import org.axonframework.serialization.Revision;
import java.time.YearMonth;

@Revision(EventRevisions.CURRENT)

public record PeriodReopened(YearMonth period, String requestId, String reason, String inputHash) {
}
