package dev.tokenledger.chart;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a chart of accounts from CSV (columns: code, name, type, role, postable, erp_code) and validates it.
 * Any problem stops the load with a message naming the source and the line at fault, so a broken chart can
 * never reach a running ledger.
 */
public final class ChartLoader {

    public static final String DEFAULT_CHART_RESOURCE = "/dev/tokenledger/chart/default-chart.csv";
    private static final List<String> COLUMNS = List.of("code", "name", "type", "role", "postable", "erp_code");

    private ChartLoader() {
    }

    /** The default chart (README "Chart of accounts"), shipped in this module. */
    public static ChartOfAccounts defaultChart() {
        try (InputStream in = ChartLoader.class.getResourceAsStream(DEFAULT_CHART_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default chart resource missing: " + DEFAULT_CHART_RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + DEFAULT_CHART_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ChartOfAccounts fromFile(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new InvalidChartException("chart " + file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    public static ChartOfAccounts parse(String csv, String source) {
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setTrim(true)
                .setIgnoreEmptyLines(true)
                .setCommentMarker('#')
                .get();
        List<Account> accounts = new ArrayList<>();
        Map<String, Long> lineOfCode = new HashMap<>();
        Map<AccountRole, Long> lineOfRole = new EnumMap<>(AccountRole.class);
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), format)) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
            if (!header.equals(COLUMNS)) {
                throw new InvalidChartException("chart " + source + " line 1: header must be " + String.join(",", COLUMNS)
                        + " but is " + String.join(",", header));
            }
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                String where = "chart " + source + " line " + line + ": ";
                if (record.size() != COLUMNS.size()) {
                    throw new InvalidChartException(where + "expected " + COLUMNS.size() + " columns, found " + record.size());
                }
                String code = record.get(0);
                String name = record.get(1);
                if (code.isEmpty()) {
                    throw new InvalidChartException(where + "account code is empty");
                }
                if (!code.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,31}")) {
                    throw new InvalidChartException(where + "account code '" + code + "' must be 1-32 letters, digits, '.', '_' or '-'");
                }
                if (name.isEmpty()) {
                    throw new InvalidChartException(where + "account " + code + " has no name");
                }
                Long earlier = lineOfCode.putIfAbsent(code, line);
                if (earlier != null) {
                    throw new InvalidChartException(where + "account code " + code + " already defined on line " + earlier);
                }
                AccountType type = parseEnum(AccountType.class, record.get(2), where + "unknown account type");
                Optional<AccountRole> role = record.get(3).isEmpty()
                        ? Optional.empty()
                        : Optional.of(parseEnum(AccountRole.class, record.get(3), where + "unknown role"));
                boolean postable = switch (record.get(4).toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "y" -> true;
                    case "false", "no", "n" -> false;
                    default -> throw new InvalidChartException(where + "postable must be true or false, not '" + record.get(4) + "'");
                };
                String erpCode = record.get(5);
                if (erpCode.isEmpty()) {
                    throw new InvalidChartException(where + "account " + code + " has no ERP account code");
                }
                if (role.isPresent()) {
                    if (!postable) {
                        throw new InvalidChartException(where + "role " + role.get() + " is mapped to non-postable account " + code);
                    }
                    Long roleLine = lineOfRole.putIfAbsent(role.get(), line);
                    if (roleLine != null) {
                        throw new InvalidChartException(where + "role " + role.get() + " already mapped on line " + roleLine
                                + "; a role maps to exactly one account");
                    }
                }
                accounts.add(new Account(code, name, type, role, postable, erpCode));
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            if (e instanceof InvalidChartException ice) {
                throw ice;
            }
            throw new InvalidChartException("chart " + source + ": not readable as CSV (" + e.getMessage() + ")");
        }
        Set<AccountRole> unmapped = EnumSet.allOf(AccountRole.class);
        unmapped.removeAll(lineOfRole.keySet());
        if (!unmapped.isEmpty()) {
            throw new InvalidChartException("chart " + source + ": roles used by postings have no account: " + unmapped);
        }
        return new ChartOfAccounts(accounts, source, sha256(csv));
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String message) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidChartException(message + " '" + value + "' (known: " + EnumSet.allOf(type) + ")");
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
