package dev.tokenledger.adapters.exports;

import dev.tokenledger.adapters.platform.InvalidParameterException;
import dev.tokenledger.chart.Account;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.exportlog.ErpExportCommands.RecordErpExport;
import dev.tokenledger.exportlog.ErpExportCommands.SummaryLine;
import dev.tokenledger.exportlog.ErpExportLog;
import dev.tokenledger.exports.ErpJournalFile;
import dev.tokenledger.exportlog.ErpSystem;
import dev.tokenledger.money.Money;
import dev.tokenledger.projections.LedgerTables.GlEntry;
import dev.tokenledger.projections.LedgerTables.GlLine;
import dev.tokenledger.projections.EventMetadata;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * ERP journal files (README "ERP journal files"): a period's general ledger summarised per account and the chosen
 * dimensions, in the ERP's import layout, with a trace from every summary line to the entries it sums. Sending is
 * logged: the same summary sent again is marked a repeat, a period that changed since it was sent goes as a delta
 * file with only the difference.
 */
@Service
public class ErpExportService {

    static final List<String> DIMENSIONS = List.of("customer", "contract", "credit_pool", "model", "feature", "product");

    private final DSLContext db;
    private final ChartOfAccounts chart;
    private final CommandGateway commands;
    private final String xeroTaxRate;

    public ErpExportService(DSLContext db, ChartOfAccounts chart, CommandGateway commands,
                            @Value("${ledger.exports.xero-tax-rate:Tax Exempt}") String xeroTaxRate) {
        this.db = db;
        this.chart = chart;
        this.commands = commands;
        this.xeroTaxRate = xeroTaxRate;
    }

    /**
     * Writes the zip: the ERP file, trace.csv and README.txt.
     *
     * @param record     log the file as sent (false: a preview, nothing logged)
     * @param dimensions the dimensions to keep, in order (the rest are summed away)
     */
    public void write(ErpSystem erp, YearMonth period, String currency, List<String> dimensions, boolean record,
                      String principal, java.io.OutputStream target) throws IOException {
        for (String d : dimensions) {
            if (!DIMENSIONS.contains(d)) {
                throw new InvalidParameterException("dimensions", "any of " + DIMENSIONS);
            }
        }
        Currency money = Currency.getInstance(currency);
        List<Field<String>> dims = dimensions.stream().map(ErpExportService::column).toList();
        Map<List<String>, long[]> summary = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        List<Field<?>> select = new ArrayList<>(List.of(GlLine.ACCOUNT_CODE));
        select.addAll(dims);
        var debit = org.jooq.impl.DSL.sum(GlLine.DEBIT_MINOR);
        var credit = org.jooq.impl.DSL.sum(GlLine.CREDIT_MINOR);
        select.add(debit);
        select.add(credit);
        List<Field<?>> group = new ArrayList<>(List.of(GlLine.ACCOUNT_CODE));
        group.addAll(dims);
        db.select(select).from(GlLine.TABLE)
                .where(GlLine.POSTING_DATE.between(period.atDay(1), period.atEndOfMonth())).and(GlLine.CURRENCY.eq(currency))
                .groupBy(group).forEach(r -> {
                    List<String> key = new ArrayList<>();
                    key.add(r.get(GlLine.ACCOUNT_CODE));
                    dims.forEach(d -> key.add(r.get(d) == null ? "" : r.get(d)));
                    summary.put(key, new long[]{r.get(debit, BigDecimal.class).longValueExact() - r.get(credit, BigDecimal.class).longValueExact()});
                });
        List<SummaryLine> lines = new ArrayList<>();
        summary.forEach((key, net) -> {
            if (net[0] != 0) {
                lines.add(new SummaryLine(key.get(0), List.copyOf(key.subList(1, key.size())), net[0]));
            }
        });
        if (erp == ErpSystem.XERO && lines.size() > ErpJournalFile.XERO_MAX_LINES) {
            throw new InvalidParameterException("dimensions", "Xero imports at most " + ErpJournalFile.XERO_MAX_LINES
                    + " lines a file; this summary has " + lines.size() + ": summarise by fewer dimensions");
        }

        String kind = "PREVIEW";
        int sequence = 0;
        List<SummaryLine> toSend = lines;
        if (record) {
            RecordErpExport command = new RecordErpExport(erp, period, currency, dimensions, lines, principal);
            ErpExportLog.Decision decision = commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .withMetaData(MetaData.with(EventMetadata.PRINCIPAL, principal)));
            kind = decision.kind().name();
            sequence = decision.sequence();
            toSend = decision.lines();
        }
        String journalId = "TL-" + period + "-" + currency + (sequence > 1 ? "-" + sequence : "");
        String memo = "Token ledger " + period + " (" + currency + ")" + switch (kind) {
            case "DELTA" -> ": correction " + sequence + ", the difference from what was sent";
            case "REPEAT" -> ": REPEAT of what was already sent, nothing new to import";
            case "PREVIEW" -> ": preview, not logged as sent";
            default -> "";
        };
        List<ErpJournalFile.Line> fileLines = new ArrayList<>();
        for (SummaryLine l : toSend) {
            Account account = chart.account(l.account()).orElse(null);
            fileLines.add(new ErpJournalFile.Line(account == null ? l.account() : account.erpCode(),
                    account == null ? l.account() : account.name(), Money.ofMinor(l.netMinor(), money).amount(),
                    l.dimensionValues()));
        }

        String base = erp.name().toLowerCase() + "-" + period + "-" + currency + (sequence > 1 ? "-" + sequence : "")
                + (kind.equals("REPEAT") ? "-REPEAT" : kind.equals("PREVIEW") ? "-PREVIEW" : "");
        try (ZipOutputStream zip = new ZipOutputStream(target)) {
            Writer out = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
            zip.putNextEntry(new ZipEntry(base + ".csv"));
            ErpJournalFile.write(erp, new NonClosing(out), journalId, period.atEndOfMonth(), currency, memo, dimensions,
                    fileLines, xeroTaxRate);
            out.flush();
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(base + "-trace.csv"));
            trace(new NonClosing(out), period, currency, dims);
            out.flush();
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("README.txt"));
            out.write(base + ".csv: " + erp + " journal import file for " + period + " in " + currency + ", " + fileLines.size()
                    + " line(s), " + kind + (sequence > 0 ? " (file " + sequence + " of the period)" : "") + ".\n"
                    + "Summarised per account" + (dimensions.isEmpty() ? "" : " and " + String.join(", ", dimensions))
                    + "; accounts by the chart's ERP codes (QuickBooks: account names).\n"
                    + base + "-trace.csv lists every general-ledger line of the period with the summary line (account"
                    + " and dimensions) it is part of, so each amount can be traced to its entries.\n"
                    + (kind.equals("DELTA") ? "A correction: the period changed after it was sent; import this file "
                    + "on top of the earlier one(s).\n" : "")
                    + (kind.equals("REPEAT") ? "Nothing changed since the period was sent: do not import it again.\n" : ""));
            out.flush();
            zip.closeEntry();
        }
    }

    /** Every GL line of the period with the summary key it belongs to. */
    private void trace(Writer out, YearMonth period, String currency, List<Field<String>> dims) throws IOException {
        List<String> header = new ArrayList<>(List.of("account"));
        dims.forEach(d -> header.add(d.getName()));
        header.addAll(List.of("entry_id", "line_no", "posting_date", "debit", "credit", "memo"));
        Currency money = Currency.getInstance(currency);
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get());
             var cursor = db.select(GlLine.ACCOUNT_CODE, GlLine.CUSTOMER, GlLine.CONTRACT, GlLine.CREDIT_POOL, GlLine.MODEL,
                             GlLine.FEATURE, GlLine.PRODUCT, GlLine.ENTRY_ID, GlLine.LINE_NO, GlLine.POSTING_DATE,
                             GlLine.DEBIT_MINOR, GlLine.CREDIT_MINOR, GlEntry.MEMO)
                     .from(GlLine.TABLE).join(GlEntry.TABLE).on(GlEntry.ENTRY_ID.eq(GlLine.ENTRY_ID))
                     .where(GlLine.POSTING_DATE.between(period.atDay(1), period.atEndOfMonth())).and(GlLine.CURRENCY.eq(currency))
                     .orderBy(GlLine.ACCOUNT_CODE, GlLine.POSTING_DATE, GlLine.GLOBAL_INDEX, GlLine.LINE_NO)
                     .fetchSize(1000).fetchLazy()) {
            for (var r : cursor) {
                List<Object> row = new ArrayList<>(List.of(r.get(GlLine.ACCOUNT_CODE)));
                dims.forEach(d -> row.add(r.get(d) == null ? "" : r.get(d)));
                row.addAll(List.of(r.get(GlLine.ENTRY_ID), r.get(GlLine.LINE_NO), r.get(GlLine.POSTING_DATE),
                        r.get(GlLine.DEBIT_MINOR) == 0 ? "" : Money.ofMinor(r.get(GlLine.DEBIT_MINOR), money).amount().toPlainString(),
                        r.get(GlLine.CREDIT_MINOR) == 0 ? "" : Money.ofMinor(r.get(GlLine.CREDIT_MINOR), money).amount().toPlainString(),
                        r.get(GlEntry.MEMO) == null ? "" : r.get(GlEntry.MEMO)));
                csv.printRecord(row);
            }
            csv.flush();
        }
    }

    private static Field<String> column(String dimension) {
        return switch (dimension) {
            case "customer" -> GlLine.CUSTOMER;
            case "contract" -> GlLine.CONTRACT;
            case "credit_pool" -> GlLine.CREDIT_POOL;
            case "model" -> GlLine.MODEL;
            case "feature" -> GlLine.FEATURE;
            default -> GlLine.PRODUCT;
        };
    }

    /** A writer whose close only flushes: the zip entry stays open for the next file. */
    private static final class NonClosing extends java.io.FilterWriter {
        NonClosing(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
