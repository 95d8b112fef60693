package dev.tokenledger.exports;

import dev.tokenledger.chart.Account;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.projections.reports.GeneralLedgerLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Optional;

/**
 * Writes the general ledger as a plain-text journal that the independent double-entry engines ledger-cli and
 * hledger read, so an auditor can recompute every balance with a tool the ledger does not control. One
 * transaction per entry, dated by posting date; debits positive, credits negative; dimensions as tags.
 * Lines must arrive grouped by entry, in posting order.
 */
public final class LedgerCliJournal {

    private final ChartOfAccounts chart;
    private final Writer out;
    private String currentEntry;

    public LedgerCliJournal(ChartOfAccounts chart, Writer out) {
        this.chart = chart;
        this.out = out;
    }

    public void write(GeneralLedgerLine line) {
        try {
            if (!line.entryId().equals(currentEntry)) {
                if (currentEntry != null) {
                    out.write('\n');
                }
                currentEntry = line.entryId();
                out.write(line.postingDate() + " * " + clean(line.entryId()) + "\n");
                out.write("    ; kind: " + line.kind() + "\n");
                out.write("    ; effective: " + line.effectiveDate() + (line.priorPeriod() ? " (prior period)" : "") + "\n");
                if (line.memo() != null && !line.memo().isBlank()) {
                    out.write("    ; memo: " + clean(line.memo()) + "\n");
                }
                if (line.reversesEntryId() != null) {
                    out.write("    ; reverses: " + clean(line.reversesEntryId()) + "\n");
                }
            }
            String amount = ("DEBIT".equals(line.side()) ? "" : "-") + line.amount().toPlainString() + " " + line.currency();
            out.write("    " + accountName(line.accountCode()) + "  " + amount + "\n");
            tag("customer", line.customer());
            tag("contract", line.contract());
            tag("pool", line.creditPool());
            tag("model", line.model());
            tag("feature", line.feature());
            tag("product", line.product());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void finish() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "Assets:1000 Cash": the type as ledger's top-level account, then the code and name. */
    public String accountName(String code) {
        Optional<Account> account = chart.account(code);
        if (account.isEmpty()) {
            return "Unknown:" + clean(code);
        }
        String top = switch (account.get().type()) {
            case ASSET -> "Assets";
            case LIABILITY -> "Liabilities";
            case EQUITY -> "Equity";
            case REVENUE -> "Income";
            case EXPENSE -> "Expenses";
        };
        return top + ":" + code + " " + clean(account.get().name());
    }

    private void tag(String name, String value) throws IOException {
        if (value != null) {
            out.write("        ; " + name + ": " + clean(value) + "\n");
        }
    }

    /** ledger reads ':' as a sub-account, two spaces as the end of an account, ';' as a comment. */
    private static String clean(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ").replace(':', '-').replace(';', ',').replaceAll(" {2,}", " ").strip();
    }
}
