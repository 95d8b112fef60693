package dev.tokenledger.adapters;

import dev.tokenledger.adapters.projections.ProjectionMonitor;
import dev.tokenledger.journal.PostsJournalEntry;
import dev.tokenledger.projections.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A projection handler that fails must not let its processor skip the event: the failure shows in health, the
 * event is retried, and once the fault is gone the projection catches up with nothing lost.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProjectionFailureTest {

    static final AtomicBoolean FAULT = new AtomicBoolean();
    static final AtomicInteger ATTEMPTS = new AtomicInteger();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresSchema.register(registry, "it_failure");
    }

    @TestConfiguration
    static class FaultyProjectionConfig {
        @Bean
        FaultyProjection faultyProjection() {
            return new FaultyProjection();
        }
    }

    /** Shares the ledger's processor, so its failure rolls back the whole batch, GL included. */
    @ProcessingGroup(ProcessingGroups.LEDGER)
    static class FaultyProjection {
        @EventHandler
        void on(PostsJournalEntry event) {
            if (FAULT.get() && event.journalEntry().entryId().startsWith("poison")) {
                ATTEMPTS.incrementAndGet();
                throw new IllegalStateException("simulated projection failure");
            }
        }
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProjectionMonitor monitor;

    @Test
    void failingHandlerIsRetriedNeverSkipped() throws Exception {
        LedgerHttp http = new LedgerHttp(rest, monitor);
        http.post("accountant", "/api/v1/journal-entries", LedgerHttp.entry("fine-1", "2026-01-05", "USD", "1000", "3000", "1.00"));
        http.awaitProjections();

        FAULT.set(true);
        http.post("accountant", "/api/v1/journal-entries", LedgerHttp.entry("poison-1", "2026-01-06", "USD", "1000", "3000", "2.00"));
        long deadline = System.currentTimeMillis() + 30_000;
        while (ATTEMPTS.get() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(ATTEMPTS.get()).as("the failing event is retried").isGreaterThanOrEqualTo(2);
        var health = http.get("admin", "/actuator/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body().at("/components/projections/status").asText()).isEqualTo("DOWN");
        assertThat(health.body().toString()).contains("simulated projection failure");
        assertThat(monitor.caughtUp()).isFalse();
        var tb = http.get("auditor", "/api/v1/reports/trial-balance?asOf=2026-12-31");
        assertThat(JournalApiTest.rowsOf(tb.body(), "USD")).containsExactly("1000:1.00:0.00", "3000:0.00:1.00");

        FAULT.set(false);
        var after = http.getConsistent("auditor", "/api/v1/reports/trial-balance?asOf=2026-12-31");
        assertThat(JournalApiTest.rowsOf(after.body(), "USD")).containsExactly("1000:3.00:0.00", "3000:0.00:3.00");
        assertThat(http.get("admin", "/actuator/health").body().at("/components/projections/status").asText()).isEqualTo("UP");
    }
}
