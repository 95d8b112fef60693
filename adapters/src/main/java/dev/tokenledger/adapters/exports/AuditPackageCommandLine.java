package dev.tokenledger.adapters.exports;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;

/**
 * {@code bin/ledger --audit-package --from=YYYY-MM --to=YYYY-MM [--known-at=INSTANT] [--out=DIR]
 * --spring.main.web-application-type=none}: writes the auditor's package into DIR (default
 * ./audit-package-FROM-TO), printing progress; exits 0 when the journal verifies clean, 3 when it does not, 2 for bad
 * arguments, 1 when it could not run. {@code --audit-package --help} prints this.
 */
@Component
@Order(0)
public class AuditPackageCommandLine implements ApplicationRunner {

    static final String HELP = """
            bin/ledger --audit-package --from=YYYY-MM --to=YYYY-MM [--known-at=2026-04-01T00:00:00Z] [--out=DIR] \\
                       --spring.main.web-application-type=none
              Writes the auditor's package for the periods from..to into DIR (default ./audit-package-FROM-TO):
              one CSV per report, audit-package.xlsx with a sheet per report, the accounting policies, the seals of
              every period close and the journal's verification, and manifest.csv (size and SHA-256 of every file).
              --known-at: the books as they stood at that recorded instant, with differences.csv listing what was
              recorded since. Exit 0: written, journal verifies clean; 3: written, verification FAILED; 2: bad
              arguments; 1: could not run.""";

    private final AuditPackageService packages;
    private final ApplicationContext context;

    public AuditPackageCommandLine(AuditPackageService packages, ApplicationContext context) {
        this.packages = packages;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption("audit-package")) {
            return;
        }
        int exit;
        if (args.containsOption("help") || !args.containsOption("from") || !args.containsOption("to")) {
            System.out.println(HELP);
            exit = args.containsOption("help") ? 0 : 2;
        } else {
            try {
                YearMonth from = YearMonth.parse(args.getOptionValues("from").getFirst());
                YearMonth to = YearMonth.parse(args.getOptionValues("to").getFirst());
                Instant knownAt = args.containsOption("known-at") ? Instant.parse(args.getOptionValues("known-at").getFirst()) : null;
                Path out = Path.of(args.containsOption("out") ? args.getOptionValues("out").getFirst()
                        : "audit-package-" + from + "-" + to);
                long started = System.nanoTime();
                AuditPackageService.Produced produced = packages.build(from, to, knownAt, out,
                        line -> System.out.println("[audit-package] " + line));
                System.out.printf("[audit-package] written to %s: %,d entries, %,d GL lines, verification %s (%d s); "
                                + "manifest %s%n", produced.directory().toAbsolutePath(), produced.entries(), produced.lines(),
                        produced.verification(), (System.nanoTime() - started) / 1_000_000_000L, produced.manifest());
                exit = "CLEAN".equals(produced.verification()) ? 0 : 3;
            } catch (java.time.format.DateTimeParseException e) {
                System.err.println("[audit-package] " + e.getParsedString() + " is not a month YYYY-MM or an instant\n" + HELP);
                exit = 2;
            } catch (RuntimeException e) {
                System.err.println("[audit-package] could not run: " + e.getMessage());
                exit = 1;
            }
        }
        int code = exit;
        System.exit(SpringApplication.exit(context, () -> code));
    }
}
