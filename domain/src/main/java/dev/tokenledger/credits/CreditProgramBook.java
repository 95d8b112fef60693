package dev.tokenledger.credits;

import java.time.LocalDate;
import java.util.Optional;

/** Which version of a credit program is in force at a date. */
public interface CreditProgramBook {

    Optional<CreditTerms> termsInForce(String programId, LocalDate date);
}
