package dev.tokenledger.journal;

import dev.tokenledger.chart.Account;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.money.Money;
import dev.tokenledger.money.MoneyPrecisionException;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.rejection.Violations;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rules a requested entry must meet before anything of it is stored. */
public final class EntryRules {

    /** Ids are client-chosen; no ':' so they can never collide with the ledger's own prefixed aggregate ids. */
    public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");
    public static final int MAX_LINES = 500;
    public static final int MAX_TEXT = 1000;
    private static final Pattern DIMENSION_PATTERN = Pattern.compile("[^\\p{Cntrl}]{1,128}");

    private EntryRules() {
    }

    public static void checkId(Violations violations, String field, String id) {
        if (id == null || !ID_PATTERN.matcher(id).matches()) {
            violations.add(RejectionCode.REQUEST_ID_INVALID, field,
                    "must be 1-80 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    public static void checkReason(Violations violations, String field, String reason) {
        if (reason == null || reason.isBlank()) {
            violations.add(RejectionCode.REASON_REQUIRED, field, "say why this entry is made");
        } else if (reason.length() > MAX_TEXT) {
            violations.add(RejectionCode.MEMO_TOO_LONG, field, "at most " + MAX_TEXT + " characters");
        }
    }

    /**
     * Validates requested lines against the chart and returns them as journal lines; adds a violation for
     * every problem found (nothing is returned when there is one).
     */
    public static List<JournalLine> validLines(Violations violations, ChartOfAccounts chart, List<JournalLineRequest> requested) {
        if (requested.size() < 2) {
            violations.add(RejectionCode.TOO_FEW_LINES, "lines", "found " + requested.size() + " line(s)");
            return List.of();
        }
        if (requested.size() > MAX_LINES) {
            violations.add(RejectionCode.TOO_MANY_LINES, "lines", "at most " + MAX_LINES + " lines, found " + requested.size());
            return List.of();
        }
        List<JournalLine> lines = new ArrayList<>();
        Map<Currency, BigDecimal> net = new LinkedHashMap<>();
        boolean linesValid = true;
        for (int i = 0; i < requested.size(); i++) {
            JournalLineRequest line = requested.get(i);
            String at = "lines[" + i + "]";
            if (line == null) {
                violations.add(RejectionCode.SIDE_REQUIRED, at, "line is empty");
                linesValid = false;
                continue;
            }
            Optional<Account> account = line.account() == null ? Optional.empty() : chart.account(line.account());
            if (account.isEmpty()) {
                violations.add(RejectionCode.UNKNOWN_ACCOUNT, at + ".account", "no account '" + line.account() + "' in chart " + chart.source());
                linesValid = false;
            } else if (!account.get().postable()) {
                violations.add(RejectionCode.ACCOUNT_NOT_POSTABLE, at + ".account", "account " + line.account() + " is a header account");
                linesValid = false;
            }
            if (line.side() == null) {
                violations.add(RejectionCode.SIDE_REQUIRED, at + ".side", "must be DEBIT or CREDIT");
                linesValid = false;
            }
            Currency currency = currency(line.currency());
            if (currency == null) {
                violations.add(RejectionCode.UNKNOWN_CURRENCY, at + ".currency", "'" + line.currency() + "' is not a bookable ISO 4217 code");
                linesValid = false;
            }
            Dimensions dimensions = line.dimensions() == null ? Dimensions.NONE : line.dimensions().normalized();
            if (!dimensionsValid(dimensions)) {
                violations.add(RejectionCode.DIMENSION_INVALID, at + ".dimensions", "values are 1-128 printable characters");
                linesValid = false;
            }
            if (line.amount() == null || line.amount().signum() <= 0) {
                violations.add(RejectionCode.NON_POSITIVE_AMOUNT, at + ".amount", "must be greater than zero, got " + line.amount());
                linesValid = false;
                continue;
            }
            if (currency == null) {
                continue;
            }
            try {
                Money amount = Money.of(line.amount(), currency);
                net.merge(currency, line.side() == Side.CREDIT ? amount.amount().negate() : amount.amount(), BigDecimal::add);
                if (account.isPresent() && line.side() != null) {
                    lines.add(new JournalLine(account.get().code(), line.side(), amount, dimensions));
                }
            } catch (MoneyPrecisionException e) {
                violations.add(RejectionCode.PRECISION_BEYOND_MINOR_UNIT, at + ".amount", e.getMessage());
                linesValid = false;
            }
        }
        if (linesValid) {
            net.forEach((currency, difference) -> {
                if (difference.signum() != 0) {
                    violations.add(RejectionCode.UNBALANCED, "lines", "debits exceed credits by "
                            + difference.toPlainString() + " " + currency.getCurrencyCode());
                }
            });
        }
        return violations.isEmpty() ? List.copyOf(lines) : List.of();
    }

    private static Currency currency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return null;
        }
        try {
            Currency currency = Currency.getInstance(code);
            return currency.getDefaultFractionDigits() < 0 ? null : currency;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean dimensionsValid(Dimensions d) {
        for (String value : new String[]{d.customer(), d.contract(), d.creditPool(), d.model(), d.feature(), d.product()}) {
            if (value != null && !DIMENSION_PATTERN.matcher(value).matches()) {
                return false;
            }
        }
        return true;
    }
}
