package dev.tokenledger.adapters.platform;

import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.rejection.Violation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds application/problem+json bodies: a type URI per rejection code, the field at fault, all violations. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static HttpStatus statusOf(RejectionCode code) {
        return switch (code.category()) {
            case INVALID -> HttpStatus.UNPROCESSABLE_ENTITY;
            case CONFLICT -> HttpStatus.CONFLICT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
    }

    public static ProblemDetail of(LedgerRejection rejection) {
        Violation primary = rejection.primary();
        ProblemDetail problem = problem(statusOf(primary.code()), primary.code().name(), primary.code().title(),
                primary.detail(), primary.field());
        problem.setProperty("violations", rejection.violations().stream().map(ProblemResponses::asMap).toList());
        return problem;
    }

    public static ProblemDetail problem(HttpStatus status, String code, String title, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:token-ledger:problem:" + code.toLowerCase().replace('_', '-')));
        problem.setTitle(title);
        problem.setProperty("code", code);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    private static Map<String, Object> asMap(Violation v) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("code", v.code().name());
        if (v.field() != null) {
            map.put("field", v.field());
        }
        map.put("detail", v.detail());
        return map;
    }

    public static List<String> codes(LedgerRejection rejection) {
        return rejection.violations().stream().map(v -> v.code().name()).toList();
    }
}
