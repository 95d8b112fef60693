package dev.tokenledger.exports;

import dev.tokenledger.projections.reports.GeneralLedgerLine;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the plain-text journals (ledger-cli/hledger and beancount) write alike for a GL line, each in its own syntax. */
final class PlainTextLines {

    private PlainTextLines() {
    }

    /** "-12.30 USD" for a credit, "12.30 USD" for a debit: the sign convention both engines use. */
    static String signedAmount(GeneralLedgerLine line) {
        return ("DEBIT".equals(line.side()) ? "" : "-") + line.amount().toPlainString() + " " + line.currency();
    }

    /** The line's dimensions that are present, in a fixed order, under the names the exports give them. */
    static Map<String, String> dimensions(GeneralLedgerLine line) {
        Map<String, String> named = new LinkedHashMap<>();
        put(named, "customer", line.customer());
        put(named, "contract", line.contract());
        put(named, "pool", line.creditPool());
        put(named, "model", line.model());
        put(named, "feature", line.feature());
        put(named, "product", line.product());
        return named;
    }

    private static void put(Map<String, String> named, String name, String value) {
        if (value != null) {
            named.put(name, value);
        }
    }
}
