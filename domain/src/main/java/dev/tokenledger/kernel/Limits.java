package dev.tokenledger.kernel;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * The one definition of what the ledger accepts: every command is checked against these bounds before anything is
 * stored, and every projection column is sized to hold whatever passes them (ARCHITECTURE.md, "One definition of
 * valid"). A value beyond a bound is refused with a named code and the field at fault; it is never truncated,
 * rounded or wrapped. The README's "Limits" table states the same figures for clients.
 *
 * <p>Why these numbers: the general ledger keeps amounts as 64-bit minor units. An amount below 10^12 major units is
 * below 10^15 minor units in every ISO 4217 currency (at most three decimals), so one entry of {@link #MAX_LINES}
 * lines sums to under 5 x 10^17, and a wallet's lifetime totals, capped at {@link #MAX_LIFETIME_MAJOR}, stay below
 * 10^18: both inside a signed 64-bit integer (9.2 x 10^18). Sums over many entries (account balances, report totals)
 * are kept as NUMERIC(38) and BigDecimal, which no number of such postings can overflow.
 */
public final class Limits {

    private Limits() {
    }

    /** Client-chosen ids (entry, request, purchase, customer ...): no ':' so they never collide with derived ids. */
    public static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");
    public static final int MAX_CLIENT_ID = 80;

    /** Names of models, features, providers and end users: 1-80 letters, digits, spaces or . _ : / @ - */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@ -]{0,79}");

    /** Unit names of usage (input_tokens, images ...): lower_snake_case, at most 40 characters. */
    public static final Pattern UNIT = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    /** Units one usage record may carry (the three token counts and others). */
    public static final int MAX_UNITS_PER_RECORD = 16;

    /** Prices (or unit costs) on one card, and tiers of one price. */
    public static final int MAX_CARD_ENTRIES = 1_000;
    public static final int MAX_TIERS = 100;

    /** Shares an infrastructure cost is allocated over (customer x model). */
    public static final int MAX_ALLOCATION_SHARES = 100_000;

    /** Memos, reasons, evidence and other free text: at most this many characters, no control characters. */
    public static final int MAX_TEXT = 1000;

    /** A short reference a client attaches (a usage draw's reference): it becomes part of an entry's memo. */
    public static final int MAX_REFERENCE = 200;

    /** Dimension values on journal lines (customer, model, feature ...): 1-128 printable characters. */
    public static final int MAX_DIMENSION = 128;

    /** Effective dates, expiry dates, usage timestamps: within these (inclusive), written YYYY-MM-DD in JSON. */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1970, 1, 1);
    public static final LocalDate LATEST_DATE = LocalDate.of(2199, 12, 31);

    /** Every money amount is below this, in the currency's major unit (USD: below one trillion dollars). */
    public static final BigDecimal MAX_AMOUNT_MAJOR = new BigDecimal("1000000000000");

    /**
     * A wallet's lifetime totals (overage revenue, cost accrued per model and feature, usage of a month) stay below
     * this many major units: a request that would pass it is refused.
     */
    public static final BigDecimal MAX_LIFETIME_MAJOR = new BigDecimal("1000000000000000");

    /** Credits in a pool, a draw or a hold: positive, at most this many, at most {@link #CREDIT_SCALE} decimals. */
    public static final BigDecimal MAX_CREDITS = new BigDecimal("1000000000000000");
    public static final int CREDIT_SCALE = 18;

    /** Exact values finer than money (usage value of a draw, value per credit, unit prices and costs). */
    public static final int EXACT_SCALE = 18;
    public static final BigDecimal MAX_UNIT_PRICE = new BigDecimal("1000000");

    /** Rates and shares in [0, 1] (expected redemption, escheat share, likelihoods): at most this many decimals. */
    public static final int RATE_SCALE = 8;

    /** Lines of one journal entry. */
    public static final int MAX_LINES = 500;

    /** Quantity of one unit in one usage record, and a customer's month-to-date quantity of one model and unit. */
    public static final long MAX_QUANTITY = 1_000_000_000_000L;
    public static final long MAX_MONTHLY_QUANTITY = 1_000_000_000_000_000L;

    /** Tier bounds of a rate card (units, month-to-date or contract-year-to-date). */
    public static final long MAX_TIER_BOUND = MAX_MONTHLY_QUANTITY;

    /** Holds lapse at most this long after they are placed. */
    public static final long MAX_HOLD_SECONDS = 86_400;

    /** Days in a dormancy rule or an expiry rule. */
    public static final int MAX_DAYS = 36_500;

    /** Performance obligations of one contract, and discounts tied to subsets of them. */
    public static final int MAX_OBLIGATIONS = 50;
    public static final int MAX_DISCOUNTS = 50;

    /** A contract's term: at most this many days (ten years), so its billing plan stays at most 120 monthly items. */
    public static final int MAX_TERM_DAYS = 3_660;
}
