package dev.tokenledger.exports;

import dev.tokenledger.chart.Account;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.projections.reports.GeneralLedgerLine;
import dev.tokenledger.projections.reports.LedgerReports.LineVocabulary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * The general ledger as a beancount file (README "Exports"), accepted by {@code bean-check}: the chart's types
 * mapped to beancount's five roots, every account opened and every commodity declared before the first entry; one
 * transaction per entry with its id, kind, effective date, memo and reason as metadata, dimensions as posting
 * metadata. Lines must arrive grouped by entry, in posting order.
 */
public final class BeancountJournal {

    private final ChartOfAccounts chart;
    private final Writer out;
    private String currentEntry;

    public BeancountJournal(ChartOfAccounts chart, Writer out, LineVocabulary vocabulary, LocalDate asOf) {
        this.chart = chart;
        this.out = out;
        LocalDate opened = vocabulary.firstPosting() == null || vocabulary.firstPosting().isAfter(asOf) ? asOf
                : vocabulary.firstPosting();
        try {
            out.write("; The general ledger of the token ledger, for beancount. Check: bean-check FILE\n");
            out.write("option \"title\" \"Token ledger\"\n");
            for (String currency : vocabulary.currencies()) {
                out.write("option \"operating_currency\" \"" + currency + "\"\n");
            }
            out.write('\n');
            for (String currency : vocabulary.currencies()) {
                out.write(opened + " commodity " + currency + "\n");
            }
            for (Account account : chart.accounts()) {
                if (account.postable()) {
                    out.write(opened + " open " + accountName(account.code()) + "\n");
                }
            }
            out.write('\n');
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
                out.write(line.postingDate() + " * " + quoted(LedgerCliJournal.payee(line.sourceEventType())) + " "
                        + quoted(line.memo() == null ? "" : line.memo()) + "\n");
                out.write("  entry: " + quoted(line.entryId()) + "\n");
                out.write("  kind: " + quoted(line.kind()) + "\n");
                out.write("  effective: " + line.effectiveDate() + "\n");
                if (line.priorPeriod()) {
                    out.write("  prior_period: TRUE\n");
                }
                if (line.reason() != null) {
                    out.write("  reason: " + quoted(line.reason()) + "\n");
                }
                if (line.reversesEntryId() != null) {
                    out.write("  reverses: " + quoted(line.reversesEntryId()) + "\n");
                }
            }
            out.write("  " + accountName(line.accountCode()) + "  " + PlainTextLines.signedAmount(line) + "\n");
            for (Map.Entry<String, String> dimension : PlainTextLines.dimensions(line).entrySet()) {
                meta(dimension.getKey(), dimension.getValue());
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

    /** "Assets:1000-Cash": the root by the chart's type, then the code and name in beancount's letters. */
    public String accountName(String code) {
        Optional<Account> account = chart.account(code);
        String name = account.map(a -> code + "-" + a.name()).orElse("Unknown-" + code);
        String component = name.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (!Character.isLetterOrDigit(component.charAt(0)) || Character.isLowerCase(component.charAt(0))) {
            component = "A" + component;
        }
        return account.map(LedgerCliJournal::root).orElse("Equity") + ":" + component;
    }

    private void meta(String name, String value) throws IOException {
        if (value != null) {
            out.write("    " + name + ": " + quoted(value) + "\n");
        }
    }

    private static String quoted(String text) {
        return "\"" + text.replaceAll("[\\r\\n\\t]+", " ").replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
