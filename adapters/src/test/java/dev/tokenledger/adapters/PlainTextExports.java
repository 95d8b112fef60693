package dev.tokenledger.adapters;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the independent engines on the ledger's plain-text exports (README "Exports") in their strict modes, and
 * compares their balances with the ledger's own, account by account and by account and customer, to the cent.
 */
final class PlainTextExports {

    private PlainTextExports() {
    }

    static boolean installed(String tool) {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** Our balances: "account|customer|currency" (customer "" for none) and "account||currency" totals. */
    static Map<String, BigDecimal> ours(JsonNode accountBalances, String... alsoTransformCommas) {
        Map<String, BigDecimal> result = new TreeMap<>();
        for (JsonNode row : accountBalances) {
            BigDecimal balance = new BigDecimal(row.at("/debits").asText()).subtract(new BigDecimal(row.at("/credits").asText()));
            String customer = row.at("/customer").isNull() || row.at("/customer").isMissingNode() ? "" : row.at("/customer").asText();
            if (alsoTransformCommas.length > 0) {
                customer = customer.replace(',', ';').strip();
            }
            String account = row.at("/accountCode").asText();
            String currency = row.at("/currency").asText();
            result.merge(account + "|" + customer + "|" + currency, balance, BigDecimal::add);
            result.merge(account + "||" + currency + "|total", balance, BigDecimal::add);
        }
        result.values().removeIf(v -> v.signum() == 0);
        return result;
    }

    /** ledger --pedantic, per currency: balances pivoted on the customer tag, and per account. */
    static Map<String, BigDecimal> ledger(Path journal, List<String> currencies) throws Exception {
        Map<String, BigDecimal> result = new TreeMap<>();
        for (String currency : currencies) {
            String filter = "commodity == \"" + currency + "\"";
            for (String line : run("ledger", "--pedantic", "-f", journal.toString(), "bal", "--flat", "--no-total",
                    "--pivot", "customer", "-l", filter, "-F", "%(account)\t%(quantity(scrub(display_total)))\n")) {
                String[] f = line.split("\t");
                String account = f[0];
                String customer = "";
                if (account.startsWith("customer:")) {
                    int root = rootAt(account);
                    customer = account.substring("customer:".length(), root - 1);
                    account = account.substring(root);
                }
                result.merge(code(account) + "|" + customer + "|" + currency, new BigDecimal(f[1]), BigDecimal::add);
            }
            for (String line : run("ledger", "--pedantic", "-f", journal.toString(), "bal", "--flat", "--no-total",
                    "-l", filter, "-F", "%(account)\t%(quantity(scrub(display_total)))\n")) {
                String[] f = line.split("\t");
                result.merge(code(f[0]) + "||" + currency + "|total", new BigDecimal(f[1]), BigDecimal::add);
            }
        }
        result.values().removeIf(v -> v.signum() == 0);
        return result;
    }

    /** hledger -s check, then its balances per account and currency. */
    static Map<String, BigDecimal> hledger(Path journal, List<String> currencies) throws Exception {
        run("hledger", "-s", "check", "-f", journal.toString());
        Map<String, BigDecimal> result = new TreeMap<>();
        for (String currency : currencies) {
            for (String line : run("hledger", "-f", journal.toString(), "bal", "--flat", "-O", "csv", "cur:" + currency)) {
                List<String> cells = csv(line);
                if (cells.get(0).equals("account") || cells.get(0).equals("total")) {
                    continue;
                }
                String amount = cells.get(1).replace(currency, "").strip();
                result.merge(code(cells.get(0)) + "||" + currency + "|total", new BigDecimal(amount), BigDecimal::add);
            }
        }
        result.values().removeIf(v -> v.signum() == 0);
        return result;
    }

    /** bean-check, then bean-query's balances by account, customer metadata and currency. */
    static Map<String, BigDecimal> beancount(Path file) throws Exception {
        run("bean-check", file.toString());
        Map<String, BigDecimal> result = new TreeMap<>();
        // one query per currency: bean-query renders a column of numbers with the precision most common in it, so a
        // column mixing JPY (no decimals) with USD would lose the cents (seen with seed 9116175523342997349)
        List<String> currencies = run("bean-query", "-f", "csv", file.toString(), "SELECT currency GROUP BY currency")
                .stream().map(String::strip).filter(c -> c.matches("[A-Z]{3}")).toList();
        List<String> lines = new java.util.ArrayList<>();
        for (String currency : currencies) {
            lines.addAll(run("bean-query", "-f", "csv", file.toString(), "SELECT account, meta('customer') AS c, currency, "
                    + "sum(number) AS n WHERE currency = '" + currency + "' GROUP BY account, c, currency"));
        }
        for (String line : lines) {
            List<String> cells = csv(line);
            if (cells.get(0).equals("account")) {
                continue;
            }
            String account = cells.get(0).strip();
            String code = account.substring(account.indexOf(':') + 1, account.indexOf('-'));
            BigDecimal amount = new BigDecimal(cells.get(3).strip());
            result.merge(code + "|" + cells.get(1).strip() + "|" + cells.get(2).strip(), amount, BigDecimal::add);
            result.merge(code + "||" + cells.get(2).strip() + "|total", amount, BigDecimal::add);
        }
        result.values().removeIf(v -> v.signum() == 0);
        return result;
    }

    /** The same balances with numbers compared by value (12.30 and 12.3 alike). */
    static Map<String, BigDecimal> byValue(Map<String, BigDecimal> balances) {
        Map<String, BigDecimal> result = new TreeMap<>();
        balances.forEach((k, v) -> result.put(k, v.stripTrailingZeros()));
        return result;
    }

    /** Keys of {@code all} about totals only. */
    static Map<String, BigDecimal> totals(Map<String, BigDecimal> all) {
        Map<String, BigDecimal> result = new TreeMap<>();
        all.forEach((k, v) -> {
            if (k.endsWith("|total")) {
                result.put(k, v);
            }
        });
        return result;
    }

    private static int rootAt(String pivoted) {
        int best = -1;
        for (String root : List.of("Assets:", "Liabilities:", "Equity:", "Income:", "Expenses:")) {
            int at = pivoted.lastIndexOf(":" + root);
            best = Math.max(best, at < 0 ? -1 : at + 1);
        }
        return best;
    }

    /** "Assets:1000 Cash" -> "1000". */
    private static String code(String account) {
        String leaf = account.substring(account.indexOf(':') + 1);
        return leaf.substring(0, leaf.indexOf(' '));
    }

    static List<String> run(String... command) throws Exception {
        Path output = Files.createTempFile("tool-", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command) + " finishes").isTrue();
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(String.join(" ", command) + " says: " + String.join("\n", lines.subList(0, Math.min(30, lines.size()))))
                    .isZero();
            return lines.stream().filter(l -> !l.isBlank()).toList();
        } finally {
            Files.deleteIfExists(output);
        }
    }

    static Path save(String text, String suffix) throws IOException {
        Path file = Files.createTempFile("export-", suffix);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** Splits one CSV line (quoted cells with doubled quotes). */
    static List<String> csv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
