package dev.tokenledger.adapters;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Runs the independent double-entry engine ledger-cli (Debian package "ledger") on an exported journal. */
final class LedgerCli {

    private LedgerCli() {
    }

    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/ledger"));
    }

    /** "code currency" -> net balance (debit positive), as ledger-cli computes it; zero balances are absent. */
    static Map<String, BigDecimal> balances(String journal) throws Exception {
        Path file = Files.createTempFile("ledger-export", ".ledger");
        Files.writeString(file, journal, StandardCharsets.UTF_8);
        Process process = new ProcessBuilder("/usr/bin/ledger", "-f", file.toString(), "balance", "--flat", "--no-total",
                "--format", "%(account)|%(scrub(display_total))\n").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("ledger-cli refused the journal: " + output);
        }
        Map<String, BigDecimal> balances = new TreeMap<>();
        String account = null;
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String amount = line;
            if (line.contains("|")) {
                String name = line.substring(0, line.indexOf('|'));
                account = name.substring(name.indexOf(':') + 1).split(" ")[0];
                amount = line.substring(line.indexOf('|') + 1);
            }
            List<String> parts = List.of(amount.trim().split("\\s+"));
            balances.put(account + " " + parts.get(1), new BigDecimal(parts.get(0).replace(",", "")));
        }
        Files.deleteIfExists(file);
        return balances;
    }
}
