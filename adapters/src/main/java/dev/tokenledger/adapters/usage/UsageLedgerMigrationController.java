package dev.tokenledger.adapters.usage;

import dev.tokenledger.adapters.usageledger.UsageLedgerMigration;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The move of an older ledger's row-per-record usage data into blocks: start it, follow it. */
@RestController
public class UsageLedgerMigrationController {

    private final UsageLedgerMigration migration;

    public UsageLedgerMigrationController(UsageLedgerMigration migration) {
        this.migration = migration;
    }

    @GetMapping("/api/v1/admin/usage-ledger/migration")
    @Operation(summary = "Progress of moving row-per-record usage data into blocks: state (NOT_NEEDED, PENDING, "
            + "RUNNING, COMPLETE, FAILED), records and postings moved, percent, times, what failed")
    public UsageLedgerMigration.Progress progress() {
        return migration.progress();
    }

    @PostMapping("/api/v1/admin/usage-ledger/migration")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Start (or resume) moving row-per-record usage data into blocks in the background (ADMIN); "
            + "it also starts by itself after start-up unless ledger.usage-ledger.migrate-on-start=false")
    public UsageLedgerMigration.Progress start() {
        return migration.startInBackground();
    }
}
