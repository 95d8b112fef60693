package dev.tokenledger.contracts;

import java.time.LocalDate;
import java.util.Optional;

/** Which version of a standalone selling price is in force at a date. */
public interface SspBook {

    Optional<SspTerms> inForce(String sspId, LocalDate date);
}
