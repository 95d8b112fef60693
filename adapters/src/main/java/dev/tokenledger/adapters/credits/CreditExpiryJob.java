package dev.tokenledger.adapters.credits;

import dev.tokenledger.adapters.platform.TransientFailures;
import dev.tokenledger.adapters.projections.LedgerReadiness;
import dev.tokenledger.credits.Commands.ExpireCreditPool;
import dev.tokenledger.kernel.InputFingerprint;
import dev.tokenledger.projections.EventMetadata;
import dev.tokenledger.projections.credits.CreditReports;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Expires every pool whose expiry date D plus the grace period for late usage has passed on the wall clock
 * (README "Prepaid credits", expiry), dated D. Runs shortly after start (so a restart that missed the moment catches up) and then
 * periodically. Each pool is expired exactly once: the request id is derived from the pool, so a repeated run is
 * a no-op, and a pool expired explicitly in the meantime is left alone. Off with
 * {@code ledger.credits.auto-expiry.enabled=false} (bulk imports of history state expiries explicitly).
 */
@Component
public class CreditExpiryJob {

    private static final Logger log = LoggerFactory.getLogger(CreditExpiryJob.class);
    private final CreditReports reports;
    private final CommandGateway commands;
    private final boolean enabled;
    private final int graceDays;
    private final ZoneId zone;
    private final Clock clock = Clock.systemUTC();
    private final LedgerReadiness readiness;

    public CreditExpiryJob(CreditReports reports, CommandGateway commands, LedgerReadiness readiness,
                           @Value("${ledger.credits.auto-expiry.enabled:true}") boolean enabled,
                           @Value("${ledger.credits.auto-expiry.grace-days:3}") int graceDays,
                           @Value("${ledger.reporting-zone:UTC}") String zone) {
        this.reports = reports;
        this.commands = commands;
        this.readiness = readiness;
        this.enabled = enabled;
        this.graceDays = graceDays;
        this.zone = ZoneId.of(zone);
    }

    @Scheduled(initialDelayString = "${ledger.credits.auto-expiry.initial-delay:PT15S}",
            fixedDelayString = "${ledger.credits.auto-expiry.interval:PT5M}")
    public void scheduled() {
        // never while history is being loaded at start: the load applies the expiries due in it, in date order
        if (enabled && !readiness.isLoading()) {
            LocalDate today = LocalDate.now(clock.withZone(zone));
            applyDormancyRules(today);
            expireDuePools(today);
        }
    }

    public int graceDays() {
        return graceDays;
    }

    /**
     * Sends one system command, retried with back-off (0.5, 1, 2, 4 s) when the database says "not now" (a lock not
     * granted in time, a conflict, a restart); other refusals are the caller's to handle.
     */
    private void sendRetrying(Object command, String principal) {
        for (int attempt = 1; ; attempt++) {
            try {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                        .withMetaData(MetaData.with(EventMetadata.PRINCIPAL, principal)));
                return;
            } catch (RuntimeException e) {
                if (attempt >= 5 || !TransientFailures.isTransient(e)) {
                    throw e;
                }
                log.info("{} met a busy database (attempt {}), retrying: {}", principal, attempt, e.getMessage());
                try {
                    Thread.sleep(500L << (attempt - 1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Expires the pools due on {@code today}; returns how many it expired. */
    public int expireDuePools(LocalDate today) {
        int expired = 0;
        for (CreditReports.DuePool due : reports.poolsDueForExpiry(today.minusDays(graceDays + 1L))) {
            String requestId = requestIdFor(due.poolId());
            try {
                sendRetrying(new ExpireCreditPool(due.customerId(), due.poolId(), requestId, due.expiresOn()), "system:auto-expiry");
                expired++;
            } catch (LedgerRejection rejection) {
                if (rejection.code() != RejectionCode.POOL_EXPIRED && rejection.code() != RejectionCode.IDEMPOTENCY_KEY_REUSED) {
                    log.error("Automatic expiry of pool {} of {} refused: {}", due.poolId(), due.customerId(), rejection.getMessage());
                }
            }
        }
        if (expired > 0) {
            log.info("Automatic expiry: {} pool(s) expired (grace {} days)", expired, graceDays);
        }
        return expired;
    }

    /**
     * Applies programs' dormancy rules: a pool with no usage for the dormancy period gets its breakage, dated the day
     * it became dormant. The request id names the last activity, so a pool that is used again and falls dormant
     * again gets a new one; a repeated run is a no-op.
     */
    public int applyDormancyRules(LocalDate today) {
        int applied = 0;
        for (CreditReports.DuePool due : reports.poolsDueForDormancy(today)) {
            String requestId = "dormancy-" + InputFingerprint.of(due.poolId(), due.expiresOn()).substring(0, 32);
            try {
                sendRetrying(new dev.tokenledger.credits.Commands.DeclareDormancy(due.customerId(), due.poolId(), requestId,
                        due.expiresOn()), "system:dormancy");
                applied++;
            } catch (LedgerRejection rejection) {
                if (rejection.code() != RejectionCode.DORMANCY_NOT_APPLICABLE && rejection.code() != RejectionCode.POOL_EXPIRED) {
                    log.error("Dormancy of pool {} of {} refused: {}", due.poolId(), due.customerId(), rejection.getMessage());
                }
            }
        }
        return applied;
    }

    static String requestIdFor(String poolId) {
        String id = "auto-expiry-" + poolId;
        return id.length() <= 80 ? id : "auto-expiry-" + InputFingerprint.of(poolId).substring(0, 40);
    }
}
