package dev.tokenledger.exports;

import dev.tokenledger.exportlog.ErpSystem;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Journal import files in each ERP's documented layout (README "ERP journal files"), one balanced journal per period
 * and currency, one line per summarised account and dimensions:
 * <ul>
 *   <li>NetSuite (journal entry CSV import): External ID, Date (MM/DD/YYYY), Currency, Memo, Account (the chart's ERP
 *       code; number-only account values are accepted), Debit, Credit, Line Memo, Department, Class, Location (the
 *       first three chosen dimensions);</li>
 *   <li>QuickBooks Online (Import journal entries): Journal No., Journal Date (MM/DD/YYYY), Account Name (QuickBooks
 *       matches names, with account numbers switched off), Debits, Credits, Description, Name (the customer), Memo;</li>
 *   <li>Xero (manual journal import template): Narration, Date (dd/mm/yyyy), Description, AccountCode (the ERP code),
 *       TaxRate, Amount (positive a debit, negative a credit), TrackingName1/TrackingOption1,
 *       TrackingName2/TrackingOption2; at most 300 lines a file.</li>
 * </ul>
 */
public final class ErpJournalFile {

    public static final int XERO_MAX_LINES = 300;

    private ErpJournalFile() {
    }

    /** One line of the file: the signed net amount (positive a debit) and what it summarises. */
    public record Line(String erpCode, String accountName, BigDecimal amount, List<String> dimensionValues) {
    }

    /**
     * @param journalId  the journal's id in the ERP (its External ID, Journal No. or Narration)
     * @param date       the journal's date (the last day of the period)
     * @param dimensions the names of the dimensions summarised, in the order of each line's values
     * @param taxRate    Xero's tax rate name for lines without tax (e.g. "Tax Exempt")
     */
    public static void write(ErpSystem erp, Writer out, String journalId, LocalDate date, String currency, String memo,
                             List<String> dimensions, List<Line> lines, String taxRate) throws IOException {
        DateTimeFormatter us = DateTimeFormatter.ofPattern("MM/dd/yyyy");
        DateTimeFormatter xero = DateTimeFormatter.ofPattern("dd/MM/yyyy");
        switch (erp) {
            case NETSUITE -> {
                try (CSVPrinter csv = printer(out, "External ID", "Date", "Currency", "Memo", "Account", "Debit", "Credit",
                        "Line Memo", "Department", "Class", "Location")) {
                    for (Line l : lines) {
                        csv.printRecord(journalId, us.format(date), currency, memo, l.erpCode(), debit(l), credit(l),
                                describe(dimensions, l), value(l, 0), value(l, 1), value(l, 2));
                    }
                }
            }
            case QUICKBOOKS_ONLINE -> {
                int customer = dimensions.indexOf("customer");
                try (CSVPrinter csv = printer(out, "Journal No.", "Journal Date", "Account Name", "Debits", "Credits",
                        "Description", "Name", "Memo")) {
                    for (Line l : lines) {
                        csv.printRecord(journalId, us.format(date), l.accountName(), debit(l), credit(l),
                                describe(dimensions, l), customer < 0 ? "" : value(l, customer), memo);
                    }
                }
            }
            case XERO -> {
                if (lines.size() > XERO_MAX_LINES) {
                    throw new IllegalArgumentException("Xero imports at most " + XERO_MAX_LINES + " lines a file");
                }
                try (CSVPrinter csv = printer(out, "Narration", "Date", "Description", "AccountCode", "TaxRate", "Amount",
                        "TrackingName1", "TrackingOption1", "TrackingName2", "TrackingOption2")) {
                    for (Line l : lines) {
                        csv.printRecord(journalId, xero.format(date), describe(dimensions, l), l.erpCode(), taxRate,
                                l.amount().toPlainString(), dimensions.size() > 0 ? dimensions.get(0) : "", value(l, 0),
                                dimensions.size() > 1 ? dimensions.get(1) : "", value(l, 1));
                    }
                }
            }
        }
    }

    private static CSVPrinter printer(Writer out, String... header) throws IOException {
        return new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header).get());
    }

    private static String debit(Line l) {
        return l.amount().signum() > 0 ? l.amount().toPlainString() : "";
    }

    private static String credit(Line l) {
        return l.amount().signum() < 0 ? l.amount().negate().toPlainString() : "";
    }

    private static String value(Line l, int index) {
        return index < l.dimensionValues().size() ? l.dimensionValues().get(index) : "";
    }

    private static String describe(List<String> dimensions, Line l) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < dimensions.size(); i++) {
            String v = value(l, i);
            if (!v.isEmpty()) {
                parts.add(dimensions.get(i) + " " + v);
            }
        }
        return parts.isEmpty() ? "" : String.join(", ", parts);
    }
}
