package dev.tokenledger.credits;

import dev.tokenledger.kernel.EventRevisions;
import org.axonframework.serialization.Revision;
import java.time.LocalDate;

@Revision(EventRevisions.CURRENT)

public record CreditProgramAdopted(String programId, String requestId, LocalDate effectiveFrom, CreditTerms terms,
                                   String inputHash) {
}
