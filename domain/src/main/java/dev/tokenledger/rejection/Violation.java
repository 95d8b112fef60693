package dev.tokenledger.rejection;

import java.util.Objects;

/**
 * One reason a request was refused.
 *
 * @param code   the named rejection
 * @param field  where in the request the problem is (JSON-pointer-like path, e.g. {@code lines[1].amount}); null
 *               when the rule concerns the whole request
 * @param detail a sentence for a person
 */
public record Violation(RejectionCode code, String field, String detail) {

    public Violation {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }
}
