package dev.tokenledger.projections.credits;

import dev.tokenledger.credits.CreditProgramAdopted;
import dev.tokenledger.credits.CreditTerms;
import dev.tokenledger.projections.EventMetadata;
import dev.tokenledger.projections.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.jooq.DSLContext;

import java.time.Instant;
import java.time.ZoneOffset;

import static dev.tokenledger.projections.credits.CreditTables.Program;

/** Every adopted version of every credit program. */
@ProcessingGroup(ProcessingGroups.LEDGER)
public class CreditProgramProjection {

    private final DSLContext db;

    public CreditProgramProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(CreditProgramAdopted e, @Timestamp Instant at, @MetaDataValue(EventMetadata.PRINCIPAL) String principal) {
        CreditTerms t = e.terms();
        db.insertInto(Program.TABLE)
                .set(Program.PROGRAM_ID, e.programId()).set(Program.VERSION, t.version())
                .set(Program.EFFECTIVE_FROM, e.effectiveFrom()).set(Program.CURRENCY, t.currency().getCurrencyCode())
                .set(Program.VALUE_PER_CREDIT, t.valuePerCredit()).set(Program.EXPIRY_KIND, t.expiry().kind().name())
                .set(Program.EXPIRY_DAYS, t.expiry().days()).set(Program.EXPIRY_DATE, t.expiry().fixedDate())
                .set(Program.BREAKAGE_POLICY, t.breakagePolicy().name())
                .set(Program.EXPECTED_RATE, t.expectedRedemptionRate()).set(Program.ESCHEAT_SHARE, t.escheatShare())
                .set(Program.ESCHEAT_BASIS, t.escheatBasis().name())
                .set(Program.REFUNDS_ALLOWED, t.refundsAllowed()).set(Program.ADOPTED_BY, principal)
                .set(Program.RECORDED_AT, at.atOffset(ZoneOffset.UTC))
                .set(Program.DORMANCY_DAYS, t.dormancyDays())
                .execute();
    }

    @ResetHandler
    void reset() {
        db.truncate(Program.TABLE).execute();
    }
}
