package dev.tokenledger.usage;

/**
 * How tiers of a unit price apply to a customer's month-to-date quantity of one model and unit.
 * GRADUATED prices each unit at the tier it falls in; VOLUME prices a whole record at the tier the month-to-date
 * total reaches with it (earlier records keep their price: there is no retroactive true-up).
 */
public enum TierMode {
    GRADUATED, VOLUME
}
