package dev.tokenledger.journal;

import dev.tokenledger.chart.Account;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.kernel.Limits;
import dev.tokenledger.kernel.RequestChecks;
import dev.tokenledger.money.Money;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.rejection.Violations;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rules a requested entry must meet before anything of it is stored. */
public final class EntryRules {

    private EntryRules() {
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
        if (requested.size() > Limits.MAX_LINES) {
            violations.add(RejectionCode.TOO_MANY_LINES, "lines", "at most " + Limits.MAX_LINES + " lines, found " + requested.size());
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
            Currency currency = RequestChecks.currency(violations, at + ".currency", line.currency());
            linesValid &= currency != null;
            Dimensions dimensions = line.dimensions() == null ? Dimensions.NONE : line.dimensions().normalized();
            linesValid &= dimensionsValid(violations, at + ".dimensions", dimensions);
            long minor = RequestChecks.amount(violations, at + ".amount", line.amount(), currency);
            if (minor < 0) {
                linesValid = false;
                continue;
            }
            Money amount = Money.ofMinor(minor, currency);
            net.merge(currency, line.side() == Side.CREDIT ? amount.amount().negate() : amount.amount(), BigDecimal::add);
            if (account.isPresent() && line.side() != null) {
                lines.add(new JournalLine(account.get().code(), line.side(), amount, dimensions));
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

    /** Dimension values are 1-128 printable characters (their read-model columns are VARCHAR(128)). */
    public static boolean dimensionsValid(Violations violations, String field, Dimensions d) {
        String[] names = {"customer", "contract", "creditPool", "model", "feature", "product"};
        String[] values = {d.customer(), d.contract(), d.creditPool(), d.model(), d.feature(), d.product()};
        boolean valid = true;
        for (int i = 0; i < values.length; i++) {
            String value = values[i];
            if (value != null && (value.length() > Limits.MAX_DIMENSION || !RequestChecks.isPrintable(value))) {
                violations.add(RejectionCode.DIMENSION_INVALID, field,
                        names[i] + ": values are 1-" + Limits.MAX_DIMENSION + " printable characters");
                valid = false;
            }
        }
        return valid;
    }
}
