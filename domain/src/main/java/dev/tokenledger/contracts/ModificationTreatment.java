package dev.tokenledger.contracts;

/** How a contract modification is accounted for (ASC 606-10-25-10 to 25-13). */
public enum ModificationTreatment {
    /** Distinct goods or services added at prices reflecting their SSPs: a separate contract (25-12). */
    SEPARATE_CONTRACT,
    /**
     * Otherwise, when the remaining goods and services are distinct (a series of days of access, credits, support):
     * the old contract ends and a new one begins; what was not yet recognised plus the new price is reallocated over
     * what remains (25-13(a)).
     */
    PROSPECTIVE
}
