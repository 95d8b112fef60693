package dev.tokenledger.exports;

import dev.tokenledger.chart.Account;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.projections.reports.GeneralLedgerLine;
import dev.tokenledger.projections.reports.LedgerReports.LineVocabulary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The general ledger as a plain-text journal for ledger-cli and hledger (README "Exports"), strict enough for
 * {@code ledger --pedantic} and {@code hledger -s check}: every account (with its type), commodity, payee and tag is
 * declared before use. One transaction per entry, dated by posting date, with the entry id as its code, exactly as
 * the audit trail knows it ({@code /api/v1/audit-trail/{code}}); debits positive, credits negative; the payee is the
 * kind of business event; kind, effective date, memo, reason and reversal as transaction tags; dimensions as posting
 * tags. Lines must arrive grouped by entry, in posting order.
 */
public final class LedgerCliJournal {

    static final List<String> TAGS = List.of("entry", "kind", "effective", "prior-period", "memo", "reason", "reverses",
            "customer", "contract", "pool", "model", "feature", "product");

    private final ChartOfAccounts chart;
    private final Writer out;
    private String currentEntry;

    /** Writes the declarations at once; then {@link #write} each line. */
    public LedgerCliJournal(ChartOfAccounts chart, Writer out, LineVocabulary vocabulary) {
        this.chart = chart;
        this.out = out;
        try {
            out.write("; The general ledger of the token ledger, for ledger-cli and hledger.\n");
            out.write("; Check: ledger --pedantic -f FILE balance; hledger -s check -f FILE\n\n");
            for (String currency : vocabulary.currencies()) {
                int digits = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
                // a currency without decimals (JPY) is declared by its symbol alone: ledger and hledger disagree on
                // how to write a format without decimals
                out.write("commodity " + currency + "\n" + (digits > 0
                        ? "    format 1000." + "0".repeat(digits) + " " + currency + "\n" : ""));
            }
            out.write('\n');
            for (Account account : chart.accounts()) {
                if (account.postable()) {
                    out.write("account " + accountName(account.code()) + "\n    ; type: " + typeLetter(account) + "\n");
                }
            }
            out.write('\n');
            for (String type : vocabulary.sourceEventTypes()) {
                out.write("payee " + payee(type) + "\n");
            }
            out.write("payee " + payee(null) + "\n\n");
            for (String tag : TAGS) {
                out.write("tag " + tag + "\n");
            }
            out.write("tag type\n\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(GeneralLedgerLine line) {
        try {
            if (!line.entryId().equals(currentEntry)) {
                if (currentEntry != null) {
                    out.write('\n');
                }
                currentEntry = line.entryId();
                out.write(line.postingDate() + " * (" + line.entryId() + ") " + payee(line.sourceEventType()) + "\n");
                out.write("    ; entry: " + line.entryId() + "\n");
                out.write("    ; kind: " + line.kind() + "\n");
                out.write("    ; effective: " + line.effectiveDate() + "\n");
                if (line.priorPeriod()) {
                    out.write("    ; prior-period: true\n");
                }
                note("memo", line.memo());
                note("reason", line.reason());
                note("reverses", line.reversesEntryId());
            }
            out.write("    " + accountName(line.accountCode()) + "  " + PlainTextLines.signedAmount(line) + "\n");
            for (Map.Entry<String, String> dimension : PlainTextLines.dimensions(line).entrySet()) {
                tag(dimension.getKey(), dimension.getValue());
            }
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
        return root(account.get()) + ":" + code + " " + clean(account.get().name());
    }

    static String root(Account account) {
        return switch (account.type()) {
            case ASSET -> "Assets";
            case LIABILITY -> "Liabilities";
            case EQUITY -> "Equity";
            case REVENUE -> "Income";
            case EXPENSE -> "Expenses";
        };
    }

    private static String typeLetter(Account account) {
        return switch (account.type()) {
            case ASSET -> "A";
            case LIABILITY -> "L";
            case EQUITY -> "E";
            case REVENUE -> "R";
            case EXPENSE -> "X";
        };
    }

    /** "UsageRecorded" reads "Usage recorded"; entries without an event type are "Journal entry". */
    static String payee(String sourceEventType) {
        if (sourceEventType == null || sourceEventType.isBlank()) {
            return "Journal entry";
        }
        StringBuilder text = new StringBuilder();
        for (char c : sourceEventType.toCharArray()) {
            if (Character.isUpperCase(c) && !text.isEmpty()) {
                text.append(' ').append(Character.toLowerCase(c));
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    private void note(String name, String value) throws IOException {
        if (value != null && !value.isBlank()) {
            out.write("    ; " + name + ": " + tagValue(value) + "\n");
        }
    }

    private void tag(String name, String value) throws IOException {
        if (value != null) {
            out.write("        ; " + name + ": " + tagValue(value) + "\n");
        }
    }

    /** A tag's value on one line; hledger ends a value at a comma, so commas become semicolons. */
    private static String tagValue(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ").replace(',', ';').strip();
    }

    /** ledger reads ':' as a sub-account, two spaces as the end of an account, ';' as a comment. */
    private static String clean(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ").replace(':', '-').replace(';', ',').replaceAll(" {2,}", " ").strip();
    }
}
