package dev.tokenledger.kernel;

import dev.tokenledger.money.Money;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.rejection.Violations;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;

/**
 * The checks every command applies to its fields, against {@link Limits}. Each adds a violation naming the field and
 * returns whether the value passed, so a handler can collect every problem of a request before refusing it.
 */
public final class RequestChecks {

    private RequestChecks() {
    }

    /** A client-chosen id: 1-80 letters, digits, '.', '_' or '-', starting with a letter or digit. */
    public static boolean id(Violations v, String field, String id) {
        if (id == null || !Limits.CLIENT_ID.matcher(id).matches()) {
            v.add(RejectionCode.REQUEST_ID_INVALID, field,
                    "must be 1-80 letters, digits, '.', '_' or '-', starting with a letter or digit");
            return false;
        }
        return true;
    }

    /** An optional client-chosen id: absent, or as {@link #id}. */
    public static boolean optionalId(Violations v, String field, String id) {
        return id == null || id(v, field, id);
    }

    /** A required name (model, feature, provider): see {@link Limits#NAME}. */
    public static boolean name(Violations v, String field, String name) {
        if (name == null || !Limits.NAME.matcher(name).matches()) {
            v.add(RejectionCode.DIMENSION_INVALID, field, "1-80 letters, digits, spaces or . _ : / @ -, starting with a letter or digit");
            return false;
        }
        return true;
    }

    /** A unit name: see {@link Limits#UNIT}. */
    public static boolean unit(Violations v, String field, String unit) {
        return unit(v, RejectionCode.RATE_CARD_INVALID, field, unit);
    }

    /** A unit name, refused with {@code code}. */
    public static boolean unit(Violations v, RejectionCode code, String field, String unit) {
        if (unit == null || !Limits.UNIT.matcher(unit).matches()) {
            v.add(code, field, "a unit is lower_snake_case, at most 40 characters (input_tokens, images ...)");
            return false;
        }
        return true;
    }

    /** A list of at most {@code max} entries (null counts as empty). */
    public static boolean size(Violations v, RejectionCode code, String field, java.util.List<?> list, int min, int max) {
        int n = list == null ? 0 : list.size();
        if (n < min || n > max) {
            v.add(code, field, "give " + min + " to " + max + " entries, got " + n);
            return false;
        }
        return true;
    }

    /** A month YYYY-MM within the accepted date range, or null (with a violation). */
    public static java.time.YearMonth month(Violations v, String field, String text) {
        if (text != null && text.matches("\\d{4}-\\d{2}")) {
            try {
                java.time.YearMonth month = java.time.YearMonth.parse(text);
                if (optionalDate(v, field, month.atDay(1))) {
                    return month;
                }
                return null;
            } catch (java.time.format.DateTimeParseException e) {
                // reported below
            }
        }
        v.add(RejectionCode.INVALID_PERIOD, field, "give the month YYYY-MM, got '" + text + "'");
        return null;
    }

    /** A required reason (manual entries, reversals, reopening, judgements). */
    public static boolean reason(Violations v, String field, String reason) {
        if (reason == null || reason.isBlank()) {
            v.add(RejectionCode.REASON_REQUIRED, field, "say why");
            return false;
        }
        return text(v, field, reason, Limits.MAX_TEXT);
    }

    /** Optional free text: at most {@code max} characters, none of them a control character, valid Unicode. */
    public static boolean text(Violations v, String field, String text, int max) {
        if (text == null) {
            return true;
        }
        if (text.length() > max) {
            v.add(RejectionCode.MEMO_TOO_LONG, field, "at most " + max + " characters, got " + text.length());
            return false;
        }
        if (!isPrintable(text)) {
            v.add(RejectionCode.TEXT_INVALID, field, "control characters (including NUL, tab and line breaks) "
                    + "and unpaired surrogates are not accepted");
            return false;
        }
        return true;
    }

    /** True when every character is printable Unicode: no control character, no unpaired surrogate. */
    public static boolean isPrintable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A required date within {@link Limits#EARLIEST_DATE} .. {@link Limits#LATEST_DATE}. */
    public static boolean date(Violations v, String field, LocalDate date) {
        if (date == null) {
            v.add(RejectionCode.EFFECTIVE_DATE_REQUIRED, field, "give the date, YYYY-MM-DD");
            return false;
        }
        return optionalDate(v, field, date);
    }

    /** An optional date: absent, or within the accepted range. */
    public static boolean optionalDate(Violations v, String field, LocalDate date) {
        if (date != null && (date.isBefore(Limits.EARLIEST_DATE) || date.isAfter(Limits.LATEST_DATE))) {
            v.add(RejectionCode.DATE_OUT_OF_RANGE, field, "dates lie between " + Limits.EARLIEST_DATE + " and "
                    + Limits.LATEST_DATE + ", got " + date);
            return false;
        }
        return true;
    }

    /** An ISO 4217 currency with a minor unit, or null (with a violation). */
    public static Currency currency(Violations v, String field, String code) {
        if (code != null && code.matches("[A-Z]{3}")) {
            try {
                Currency currency = Currency.getInstance(code);
                if (currency.getDefaultFractionDigits() >= 0) {
                    return currency;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        v.add(RejectionCode.UNKNOWN_CURRENCY, field, "'" + code + "' is not a bookable ISO 4217 code");
        return null;
    }

    /**
     * A positive money amount below {@link Limits#MAX_AMOUNT_MAJOR}, exact at the currency's minor unit.
     *
     * @return the amount in minor units, or -1 when it was refused
     */
    public static long amount(Violations v, String field, BigDecimal amount, Currency currency) {
        if (amount == null || amount.signum() <= 0) {
            v.add(RejectionCode.NON_POSITIVE_AMOUNT, field, "must be greater than zero");
            return -1;
        }
        if (amount.compareTo(Limits.MAX_AMOUNT_MAJOR) >= 0) {
            v.add(RejectionCode.AMOUNT_OUT_OF_RANGE, field, "must be below " + Limits.MAX_AMOUNT_MAJOR.toPlainString()
                    + (currency == null ? "" : " " + currency.getCurrencyCode()));
            return -1;
        }
        if (currency == null) {
            return -1;
        }
        int digits = Money.fractionDigits(currency);
        if (amount.stripTrailingZeros().scale() > digits) {
            v.add(RejectionCode.PRECISION_BEYOND_MINOR_UNIT, field, amount.toPlainString() + " has more than "
                    + digits + " decimals for " + currency.getCurrencyCode());
            return -1;
        }
        return Money.of(amount, currency).minorUnits();
    }

    /** Credits: positive, at most {@link Limits#MAX_CREDITS}, at most {@link Limits#CREDIT_SCALE} decimals. */
    public static boolean credits(Violations v, String field, BigDecimal credits) {
        if (credits == null || credits.signum() <= 0) {
            v.add(RejectionCode.CREDITS_REQUIRED, field, "must be greater than zero");
            return false;
        }
        return bounded(v, field, credits, Limits.MAX_CREDITS, Limits.CREDIT_SCALE);
    }

    /** Credits that may be zero (bonus credits): absent, zero, or as {@link #credits}. */
    public static boolean optionalCredits(Violations v, String field, BigDecimal credits) {
        if (credits == null || credits.signum() == 0) {
            return true;
        }
        if (credits.signum() < 0) {
            v.add(RejectionCode.CREDITS_REQUIRED, field, "must not be negative");
            return false;
        }
        return bounded(v, field, credits, Limits.MAX_CREDITS, Limits.CREDIT_SCALE);
    }

    /** An exact positive value finer than money (a usage value, a value per credit): below the amount bound. */
    public static boolean exactValue(Violations v, String field, BigDecimal value) {
        if (value == null || value.signum() <= 0) {
            v.add(RejectionCode.CREDITS_REQUIRED, field, "must be greater than zero");
            return false;
        }
        if (value.compareTo(Limits.MAX_AMOUNT_MAJOR) >= 0) {
            v.add(RejectionCode.AMOUNT_OUT_OF_RANGE, field, "must be below " + Limits.MAX_AMOUNT_MAJOR.toPlainString());
            return false;
        }
        return bounded(v, field, value, Limits.MAX_AMOUNT_MAJOR, Limits.EXACT_SCALE);
    }

    /**
     * An exact amount of money finer than the minor unit (a standalone selling price per unit, a range bound): below
     * {@link Limits#MAX_AMOUNT_MAJOR}, at most {@link Limits#EXACT_SCALE} decimals, positive (or zero when allowed).
     */
    public static boolean exactAmount(Violations v, RejectionCode code, String field, BigDecimal value, boolean zeroAllowed) {
        if (value == null || value.signum() < 0 || (!zeroAllowed && value.signum() == 0)) {
            v.add(code, field, zeroAllowed ? "must be zero or more" : "must be greater than zero");
            return false;
        }
        if (value.compareTo(Limits.MAX_AMOUNT_MAJOR) >= 0) {
            v.add(RejectionCode.AMOUNT_OUT_OF_RANGE, field, "must be below " + Limits.MAX_AMOUNT_MAJOR.toPlainString());
            return false;
        }
        return bounded(v, field, value, Limits.MAX_AMOUNT_MAJOR, Limits.EXACT_SCALE);
    }

    /** A quantity (months, credits, seats): positive, at most {@link Limits#MAX_CREDITS}, at most 18 decimals. */
    public static boolean quantity(Violations v, RejectionCode code, String field, BigDecimal quantity) {
        if (quantity == null || quantity.signum() <= 0) {
            v.add(code, field, "must be greater than zero");
            return false;
        }
        return bounded(v, field, quantity, Limits.MAX_CREDITS, Limits.CREDIT_SCALE);
    }

    /** A unit price or cost: zero or more, at most {@link Limits#MAX_UNIT_PRICE}, at most 18 decimals. */
    public static boolean unitPrice(Violations v, String field, BigDecimal price) {
        if (price == null || price.signum() < 0) {
            v.add(RejectionCode.RATE_CARD_INVALID, field, "must be zero or more");
            return false;
        }
        return bounded(v, field, price, Limits.MAX_UNIT_PRICE, Limits.EXACT_SCALE);
    }

    /**
     * A rate or share: within [0, 1] (or (0, 1] when {@code zeroAllowed} is false, [0, 1) when {@code oneAllowed} is
     * false), at most {@link Limits#RATE_SCALE} decimals.
     */
    public static boolean rate(Violations v, RejectionCode code, String field, BigDecimal rate, boolean zeroAllowed,
                               boolean oneAllowed) {
        if (rate == null || rate.signum() < 0 || (!zeroAllowed && rate.signum() == 0)
                || rate.compareTo(BigDecimal.ONE) > 0 || (!oneAllowed && rate.compareTo(BigDecimal.ONE) == 0)) {
            v.add(code, field, "a rate in " + (zeroAllowed ? "[0" : "(0") + ", 1" + (oneAllowed ? "]" : ")"));
            return false;
        }
        if (rate.stripTrailingZeros().scale() > Limits.RATE_SCALE) {
            v.add(RejectionCode.AMOUNT_OUT_OF_RANGE, field, "at most " + Limits.RATE_SCALE + " decimals");
            return false;
        }
        return true;
    }

    /** A whole number of days in 1 .. {@link Limits#MAX_DAYS}. */
    public static boolean days(Violations v, RejectionCode code, String field, Integer days) {
        if (days == null || days <= 0 || days > Limits.MAX_DAYS) {
            v.add(code, field, "a whole number of days from 1 to " + Limits.MAX_DAYS);
            return false;
        }
        return true;
    }

    private static boolean bounded(Violations v, String field, BigDecimal value, BigDecimal max, int scale) {
        if (value.compareTo(max) > 0) {
            v.add(RejectionCode.AMOUNT_OUT_OF_RANGE, field, "at most " + max.toPlainString());
            return false;
        }
        if (value.stripTrailingZeros().scale() > scale) {
            v.add(RejectionCode.AMOUNT_OUT_OF_RANGE, field, "at most " + scale + " decimals");
            return false;
        }
        return true;
    }
}
