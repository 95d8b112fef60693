package dev.tokenledger.rejection;

import java.util.ArrayList;
import java.util.List;

/** Collects violations while a request is checked, then throws them together. */
public final class Violations {

    private final List<Violation> found = new ArrayList<>();

    public void add(RejectionCode code, String field, String detail) {
        found.add(new Violation(code, field, detail));
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new LedgerRejection(List.copyOf(found));
        }
    }
}
