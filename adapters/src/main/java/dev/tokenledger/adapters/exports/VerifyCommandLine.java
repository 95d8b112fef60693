package dev.tokenledger.adapters.exports;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code bin/ledger --verify-journal --spring.main.web-application-type=none}: verifies the journal against the event
 * store (README "Tamper evidence"), prints progress and every problem, and exits 0 when clean, 3 when not, 1 when it
 * could not run.
 */
@Component
@Order(0)
public class VerifyCommandLine implements ApplicationRunner {

    private final JournalVerifier verifier;
    private final ApplicationContext context;

    public VerifyCommandLine(JournalVerifier verifier, ApplicationContext context) {
        this.verifier = verifier;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption("verify-journal")) {
            return;
        }
        int exit;
        try {
            JournalVerifier.Verification v = verifier.verify(line -> System.out.println("[verify] " + line));
            System.out.printf("[verify] %s: %,d events read, %,d entries checked against the chain (%,d chained, %,d not "
                            + "yet chained), %d seal(s), %,d problem(s), %,d ms; recomputed head %s%n", v.status(),
                    v.eventsRead(), v.entriesChecked(), v.chainedEntries(), v.notYetChained(), v.seals().size(),
                    v.problemCount(), v.durationMillis(), v.recomputedHead());
            for (JournalVerifier.SealCheck seal : v.seals()) {
                System.out.printf("[verify] seal %s (%s) through position %d: chain %s, trial balance %s, liabilities %s%n",
                        seal.period(), seal.closedBy(), seal.throughGlobalIndex(), ok(seal.chainMatches()),
                        ok(seal.trialBalanceMatches()), ok(seal.rollforwardMatches()));
            }
            for (JournalVerifier.Problem p : v.problems()) {
                System.out.printf("[verify] %s %s at position %s: %s%n", p.kind(), p.entryId() == null ? "-" : p.entryId(),
                        p.globalIndex(), p.detail());
            }
            exit = "CLEAN".equals(v.status()) ? 0 : 3;
        } catch (RuntimeException e) {
            System.err.println("[verify] could not run: " + e.getMessage());
            exit = 1;
        }
        int code = exit;
        System.exit(SpringApplication.exit(context, () -> code));
    }

    private static String ok(boolean matches) {
        return matches ? "ok" : "BROKEN";
    }
}
