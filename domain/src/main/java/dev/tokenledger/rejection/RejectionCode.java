package dev.tokenledger.rejection;

/**
 * Why the ledger refused a request, listed in order of precedence: when several apply, the first one listed
 * is the one reported first. These are operating errors (bad input, conflicts), never broken invariants;
 * invariants are asserted and fail loudly.
 */
public enum RejectionCode {
    REQUEST_ID_INVALID(Category.INVALID, "The client-supplied id is missing or malformed"),
    IDEMPOTENCY_KEY_REUSED(Category.CONFLICT, "This id was already used for a different request"),
    ENTRY_NOT_FOUND(Category.NOT_FOUND, "No journal entry has this id"),
    UNKNOWN_CUSTOMER(Category.NOT_FOUND, "The customer has no wallet yet"),
    UNKNOWN_PROGRAM(Category.INVALID, "No credit program with this id is in force at that date"),
    UNKNOWN_POOL(Category.NOT_FOUND, "The customer has no credit pool with this id"),
    UNKNOWN_HOLD(Category.NOT_FOUND, "The customer has no open hold with this id"),
    UNKNOWN_INVOICE(Category.NOT_FOUND, "The customer has no open invoice with this id"),
    UNKNOWN_USAGE_RECORD(Category.NOT_FOUND, "The usage ledger has no record with this id"),
    UNKNOWN_CONTRACT(Category.NOT_FOUND, "No contract has this id"),
    UNKNOWN_LICENCE(Category.NOT_FOUND, "No licence has this id"),
    UNKNOWN_VOLUME_AGREEMENT(Category.NOT_FOUND, "No volume agreement has this id"),
    UNKNOWN_OBLIGATION(Category.NOT_FOUND, "The contract has no performance obligation with this id"),
    REVERSAL_CANNOT_BE_REVERSED(Category.CONFLICT, "A reversing entry cannot itself be reversed; post the original again instead"),
    ALREADY_REVERSED(Category.CONFLICT, "The entry has already been reversed"),
    POSTED_BY_BUSINESS_EVENT(Category.CONFLICT, "The entry was posted by a business event; correct it with a business event (refund, estimate revision, ...) so the sub-ledger keeps tying to the general ledger"),
    ENTRY_ID_IN_USE(Category.CONFLICT, "The id chosen for the new entry is already used by another entry"),
    REASON_REQUIRED(Category.INVALID, "A reason is required"),
    EFFECTIVE_DATE_REQUIRED(Category.INVALID, "An effective date is required"),
    DATE_OUT_OF_RANGE(Category.INVALID, "The date lies outside the range the ledger accepts"),
    MEMO_TOO_LONG(Category.INVALID, "The memo or reason is too long"),
    TEXT_INVALID(Category.INVALID, "The text contains control characters or is not valid Unicode"),
    TOO_FEW_LINES(Category.INVALID, "An entry needs at least two lines"),
    TOO_MANY_LINES(Category.INVALID, "An entry has more lines than allowed"),
    UNKNOWN_ACCOUNT(Category.INVALID, "The account is not in the chart of accounts"),
    ACCOUNT_NOT_POSTABLE(Category.INVALID, "The account is a header account and cannot carry lines"),
    SIDE_REQUIRED(Category.INVALID, "A line must be a debit or a credit"),
    USAGE_TIMESTAMP_INVALID(Category.INVALID, "A usage record needs its timestamp, ISO-8601 with an offset"),
    USAGE_FIELD_REQUIRED(Category.INVALID, "A usage record needs its customer and model"),
    USAGE_FIELD_UNKNOWN(Category.INVALID, "A usage record has a field the ledger does not know"),
    USAGE_QUANTITY_INVALID(Category.INVALID, "Usage quantities are whole numbers, none negative, at least one above zero"),
    UNKNOWN_CURRENCY(Category.INVALID, "The currency is not an ISO 4217 code with a minor unit"),
    NON_POSITIVE_AMOUNT(Category.INVALID, "Line amounts must be greater than zero"),
    PRECISION_BEYOND_MINOR_UNIT(Category.INVALID, "The amount has more decimals than the currency's minor unit"),
    AMOUNT_OUT_OF_RANGE(Category.INVALID, "An amount, count or rate lies beyond the bounds the ledger accepts"),
    DIMENSION_INVALID(Category.INVALID, "A dimension value is malformed"),
    PROGRAM_TERMS_INVALID(Category.INVALID, "The credit program's terms are incomplete or out of range"),
    CURRENCY_MISMATCH(Category.INVALID, "The currency differs from the wallet's or the program's"),
    RATE_CARD_INVALID(Category.INVALID, "The rate or cost card is incomplete or out of range"),
    CARD_VERSION_CONFLICT(Category.CONFLICT, "A rate or cost card version must follow the last one, effective no earlier"),
    NO_RATE_IN_FORCE(Category.INVALID, "No rate card in force prices this model and unit for the customer on that date"),
    NO_COST_IN_FORCE(Category.INVALID, "No cost card in force gives the cost of this model and unit on that date"),
    ALLOCATION_BASIS_EMPTY(Category.INVALID, "There is no usage to allocate the cost by"),
    UNKNOWN_SSP(Category.INVALID, "No standalone selling price with this id is in force at that date, in that currency"),
    SSP_INVALID(Category.INVALID, "The standalone selling price is incomplete or out of range"),
    SSP_VERSION_CONFLICT(Category.CONFLICT, "A standalone selling price version must follow the last one, effective no earlier"),
    CONTRACT_TERMS_INVALID(Category.INVALID, "The contract's terms are incomplete, inconsistent or out of range"),
    DISCOUNT_INVALID(Category.INVALID, "A discount names no obligation, overlaps another, or exceeds what it can apply to"),
    RESIDUAL_NOT_UNIQUE(Category.INVALID, "At most one obligation of a contract may take its standalone selling price by the residual approach"),
    RESIDUAL_OUT_OF_RANGE(Category.INVALID, "The residual standalone selling price falls outside the range its SSP table entry allows"),
    MODIFICATION_INVALID(Category.INVALID, "The contract modification changes nothing, or changes what cannot change"),
    CREDITS_REQUIRED(Category.INVALID, "A positive number of credits (or a positive value) is required"),
    DATED_BEFORE_POOL(Category.INVALID, "The request is dated before the credit pool existed"),
    CONTRACT_ENDED(Category.CONFLICT, "The contract was terminated or its term is over"),
    DATED_OUTSIDE_CONTRACT(Category.CONFLICT, "The request is dated before the contract began, or after it ended"),
    OBLIGATION_ALREADY_SATISFIED(Category.CONFLICT, "The performance obligation was already delivered"),
    VOLUME_TERMS_INVALID(Category.INVALID, "The volume discount's year, tiers or expected volume are incomplete or out of order"),
    NOT_A_LICENCE(Category.INVALID, "The contract type is service access (an API, SaaS), which is not a licence of IP: its revenue is recognised as a contract or as usage"),
    ROYALTY_EXCEPTION_NOT_APPLICABLE(Category.INVALID, "The royalty exception applies only where the licence is the sole or predominant item the royalty relates to"),
    LICENCE_NOT_YET_USABLE(Category.CONFLICT, "A licence is not transferred (nor its royalties earned) before the period in which the customer can use it"),
    LICENCE_ALREADY_TRANSFERRED(Category.CONFLICT, "The licence was already transferred"),
    LICENCE_NOT_TRANSFERRED(Category.CONFLICT, "The licence has not been transferred yet"),
    LICENCE_TERM_NOT_ENDED(Category.CONFLICT, "The licence term has not ended on that date"),
    GUARANTEE_ALREADY_SETTLED(Category.CONFLICT, "The minimum guarantee was already settled"),
    VOLUME_YEAR_NOT_ENDED(Category.CONFLICT, "The contract year of the volume discount has not ended on that date"),
    VOLUME_YEAR_SETTLED(Category.CONFLICT, "The contract year of the volume discount was settled"),
    NOT_A_MATERIAL_RIGHT(Category.CONFLICT, "The obligation is not a material right (an option the contract gives)"),
    OPTION_LAPSED(Category.CONFLICT, "The material right has lapsed or has been exercised in full"),
    OPTION_NOT_YET_EXPIRED(Category.CONFLICT, "The material right does not lapse before its expiry date"),
    OPTION_UNITS_EXCEEDED(Category.CONFLICT, "More units would be exercised than the option grants"),
    NOT_A_PORTFOLIO(Category.CONFLICT, "Only a material right recognised as a portfolio (PORTFOLIO_REDEMPTION) has an estimate to revise"),
    NOT_DELIVERED_AT_A_POINT_IN_TIME(Category.CONFLICT, "Only an obligation satisfied at a point in time is delivered; the others are recognised over time"),
    NOTHING_TO_INVOICE(Category.CONFLICT, "Nothing of the contract's billing schedule is due and unbilled on that date"),
    NO_COMMITMENT(Category.CONFLICT, "The contract has no committed minimum spend"),
    COMMITMENT_NOT_DUE(Category.CONFLICT, "The commitment's term has not ended on that date"),
    COMMITMENT_ALREADY_SETTLED(Category.CONFLICT, "The commitment was already settled"),
    POOL_EXPIRED(Category.CONFLICT, "The credit pool has already expired"),
    POOL_EMPTY(Category.CONFLICT, "The credit pool has no credits left"),
    INSUFFICIENT_BALANCE(Category.CONFLICT, "The available balance (credits less open holds) does not cover the hold"),
    REFUNDS_NOT_ALLOWED(Category.CONFLICT, "The credit program does not allow refunds"),
    REFUND_EXCEEDS_REMAINING(Category.CONFLICT, "The refund is larger than the unused value that remains"),
    INVOICE_EXCEEDS_UNBILLED(Category.CONFLICT, "The invoice is larger than the overage not yet invoiced"),
    PAYMENT_EXCEEDS_INVOICE(Category.CONFLICT, "The payment is larger than what is open on the invoice"),
    NO_ESCHEAT_EXPECTED(Category.CONFLICT, "The pool's credit program expects no unclaimed property (escheat share 0)"),
    UNCLAIMED_PROPERTY_ALREADY_REPORTED(Category.CONFLICT, "The pool's unclaimed property was already reported to a state"),
    UNCLAIMED_PROPERTY_NOT_REPORTED(Category.CONFLICT, "The pool's unclaimed property has not been reported to a state yet"),
    REMITTANCE_EXCEEDS_OWED(Category.CONFLICT, "The remittance is larger than what is owed to the state for the pool"),
    DORMANCY_NOT_APPLICABLE(Category.CONFLICT, "The pool is not (or not yet) dormant under its program's dormancy rule"),
    NOT_PROPORTIONAL(Category.CONFLICT, "Breakage estimates apply only to pools under the PROPORTIONAL policy"),
    ESTIMATE_OUT_OF_RANGE(Category.INVALID, "The expected redemptions must lie between credits redeemed and credits granted"),
    UNBALANCED(Category.INVALID, "Debits and credits differ in a currency"),
    INVALID_PERIOD(Category.INVALID, "The period is not a calendar month YYYY-MM"),
    EVENT_NOT_FAILING(Category.CONFLICT, "The event is not one the projections are failing on"),
    EVENT_ALREADY_EXCLUDED(Category.CONFLICT, "The event is already excluded from the projections"),
    PERIOD_ALREADY_CLOSED(Category.CONFLICT, "The period is already closed"),
    PERIOD_NOT_CLOSED(Category.CONFLICT, "The period is not closed");

    /** How a rejection is to be read by a client; adapters map it to a protocol status. */
    public enum Category { INVALID, CONFLICT, NOT_FOUND }

    private final Category category;
    private final String title;

    RejectionCode(Category category, String title) {
        this.category = category;
        this.title = title;
    }

    public Category category() {
        return category;
    }

    public String title() {
        return title;
    }
}
