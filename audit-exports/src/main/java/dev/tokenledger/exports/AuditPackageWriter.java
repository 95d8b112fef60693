package dev.tokenledger.exports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes the auditor's package (README "The auditor's package"): each report as a CSV file and as a sheet of one XLSX
 * workbook, written row by row (Apache POI's streaming workbook keeps 200 rows in memory; the CSV streams to disk),
 * other documents as they are, and a manifest with the size and SHA-256 of every file.
 */
public final class AuditPackageWriter implements AutoCloseable {

    private static final int ROWS_IN_MEMORY = 200;

    private final Path directory;
    private final SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
    private final CellStyle money;
    private final CellStyle header;
    private final CellStyle date;
    private final List<String> files = new ArrayList<>();
    private CSVPrinter csv;
    private SXSSFSheet sheet;
    private String currentFile;
    private int rowIndex;
    private int columns;

    public AuditPackageWriter(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
        workbook.setCompressTempFiles(true);
        money = workbook.createCellStyle();
        money.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00;-#,##0.00"));
        date = workbook.createCellStyle();
        date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
        header = workbook.createCellStyle();
        Font bold = workbook.createFont();
        bold.setBold(true);
        header.setFont(bold);
    }

    /** Starts a report: {@code name}.csv and a sheet called {@code name}. */
    public void begin(String name, List<String> columnNames) {
        end();
        try {
            currentFile = name + ".csv";
            Writer out = Files.newBufferedWriter(directory.resolve(currentFile), StandardCharsets.UTF_8);
            csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(columnNames.toArray(String[]::new)).get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sheet = workbook.createSheet(name.length() > 31 ? name.substring(0, 31) : name);
        Row row = sheet.createRow(0);
        for (int i = 0; i < columnNames.size(); i++) {
            Cell cell = row.createCell(i);
            cell.setCellValue(columnNames.get(i));
            cell.setCellStyle(header);
            // widths from the header (measuring every cell of a long sheet would cost more than writing it)
            sheet.setColumnWidth(i, Math.min(60, Math.max(14, columnNames.get(i).length() + 4)) * 256);
        }
        columns = columnNames.size();
        rowIndex = 1;
    }

    /**
     * One row: decimals become numbers with two decimals in the workbook (and plain decimal strings in the CSV), dates
     * dates, the rest text.
     */
    public void row(Object... cells) {
        try {
            List<String> text = new ArrayList<>(cells.length);
            Row row = sheet.createRow(rowIndex++);
            for (int i = 0; i < cells.length; i++) {
                Object value = cells[i];
                text.add(value == null ? "" : value instanceof BigDecimal d ? d.toPlainString() : value.toString());
                if (value == null) {
                    continue;
                }
                Cell cell = row.createCell(i);
                if (value instanceof BigDecimal d) {
                    cell.setCellValue(d.doubleValue()); // display only: the CSV beside it keeps the exact decimal
                    cell.setCellStyle(money);
                } else if (value instanceof Number n) {
                    cell.setCellValue(n.doubleValue());
                } else if (value instanceof LocalDate d) {
                    cell.setCellValue(d);
                    cell.setCellStyle(date);
                } else {
                    String s = value.toString();
                    cell.setCellValue(s.length() > 32_000 ? s.substring(0, 32_000) : s);
                }
            }
            csv.printRecord(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the current report: frozen header, filters, the CSV closed and listed. */
    public void end() {
        if (sheet == null) {
            return;
        }
        sheet.createFreezePane(0, 1);
        if (columns > 0) {
            sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, rowIndex - 1), 0, columns - 1));
        }
        try {
            csv.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.add(currentFile);
        sheet = null;
        csv = null;
    }

    /** A document added as it is (the policy document, the verification). */
    public void file(String name, byte[] content) {
        end();
        try {
            Files.write(directory.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.add(name);
    }

    /** Writes the workbook and the manifest (size and SHA-256 of every file); returns the manifest's path. */
    public Path finish(String workbookName) throws IOException {
        end();
        try (OutputStream out = Files.newOutputStream(directory.resolve(workbookName))) {
            workbook.write(out);
        }
        files.add(workbookName);
        try (CSVPrinter manifest = new CSVPrinter(Files.newBufferedWriter(directory.resolve("manifest.csv"), StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setHeader("file", "bytes", "sha256").get())) {
            for (String file : files) {
                Path path = directory.resolve(file);
                manifest.printRecord(file, Files.size(path), sha256(path));
            }
        }
        return directory.resolve("manifest.csv");
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public void close() throws IOException {
        if (csv != null) {
            csv.close();
        }
        workbook.close();
    }
}
