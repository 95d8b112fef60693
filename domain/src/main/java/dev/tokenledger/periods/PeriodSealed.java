package dev.tokenledger.periods;

import dev.tokenledger.kernel.EventRevisions;
import org.axonframework.serialization.Revision;

import java.time.YearMonth;

/** The checkpoint a close sealed; a period closed, reopened and closed again has one seal per close, in order. */
@Revision(EventRevisions.CURRENT)
public record PeriodSealed(YearMonth period, String requestId, JournalSeal seal) {
}
