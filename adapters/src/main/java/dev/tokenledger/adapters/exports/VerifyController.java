package dev.tokenledger.adapters.exports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tamper evidence over HTTP (README "Tamper evidence"). */
@RestController
@Tag(name = "Audit", description = "Tamper evidence, the auditor's package and exports")
public class VerifyController {

    private final JournalVerifier verifier;

    public VerifyController(JournalVerifier verifier) {
        this.verifier = verifier;
    }

    @GetMapping("/api/v1/audit/verify")
    @Operation(summary = "Recompute the journal's hash chain and every period's seal from the event store and say "
            + "which entry or period fails, and how",
            description = "status CLEAN or FAILED; problems (at most 1,000 listed, all counted): CONTENT_CHANGED, "
                    + "ENTRY_MISSING, ENTRY_INSERTED, ORDER_CHANGED, EVENT_UNREADABLE, SEAL_BROKEN. Streams the event "
                    + "store: memory does not grow with the journal.")
    public JournalVerifier.Verification verify() {
        return verifier.verify(line -> { });
    }
}
