package dev.tokenledger.rejection;

import java.util.Comparator;
import java.util.List;

/**
 * A request the ledger refused. Thrown before anything is applied, so nothing of the request is stored.
 * Carries every violation found, sorted by the precedence of their codes.
 */
public class LedgerRejection extends RuntimeException {

    private final List<Violation> violations;

    public LedgerRejection(List<Violation> violations) {
        super(describe(violations));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a rejection needs at least one violation");
        }
        this.violations = violations.stream()
                .sorted(Comparator.comparing(Violation::code))
                .toList();
    }

    public static LedgerRejection of(RejectionCode code, String field, String detail) {
        return new LedgerRejection(List.of(new Violation(code, field, detail)));
    }

    /** The violation of highest precedence. */
    public Violation primary() {
        return violations.getFirst();
    }

    public RejectionCode code() {
        return primary().code();
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String describe(List<Violation> violations) {
        return violations.stream()
                .sorted(Comparator.comparing(Violation::code))
                .map(v -> v.code() + (v.field() == null ? "" : " at " + v.field()) + ": " + v.detail())
                .reduce((a, b) -> a + "; " + b)
                .orElse("rejected");
    }
}
