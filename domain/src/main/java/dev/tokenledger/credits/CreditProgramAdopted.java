package dev.tokenledger.credits;

import java.time.LocalDate;

public record CreditProgramAdopted(String programId, String requestId, LocalDate effectiveFrom, CreditTerms terms,
                                   String inputHash) {
}
