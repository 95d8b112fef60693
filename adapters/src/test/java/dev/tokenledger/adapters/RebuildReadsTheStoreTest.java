package dev.tokenledger.adapters;

import dev.tokenledger.adapters.projections.ProjectionMonitor;
import dev.tokenledger.adapters.projections.ProjectionRebuilder;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild reads the event store itself, never a cache of recent events: after a stored event is changed outside
 * the ledger, the next rebuild in the same process shows the stored content, and two rebuilds of the same store give
 * the same books. (Noticing the change itself is the audit chain's job.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RebuildReadsTheStoreTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresSchema.register(registry, "it_rebuild_store");
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProjectionMonitor monitor;
    @Autowired
    ProjectionRebuilder rebuilder;
    @Autowired
    DSLContext db;

    @Test
    void twoRebuildsOfTheSameStoreGiveTheSameBooksAndShowWhatIsStored() throws Exception {
        LedgerHttp http = new LedgerHttp(rest, monitor);
        for (int i = 0; i < 30; i++) {
            assertThat(http.post("accountant", "/api/v1/journal-entries",
                    LedgerHttp.entry("e-" + i, "2026-02-03", "USD", "5300", "1000", i == 7 ? "12.30" : "1.00")).status()).isEqualTo(201);
        }
        http.awaitProjections();
        String before = trialBalance(http);
        assertThat(before).contains("5300:41.30:0.00");

        rebuilder.rebuild(Duration.ofMinutes(1), line -> { });
        assertThat(trialBalance(http)).isEqualTo(before);

        // an operator edits a stored event directly in PostgreSQL (both lines, so the entry still balances)
        int edited = db.execute("UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                + "'\"amount\":12.30', '\"amount\":99.90'), 'UTF8') WHERE aggregate_identifier = 'e-7'");
        assertThat(edited).isEqualTo(1);

        rebuilder.rebuild(Duration.ofMinutes(1), line -> { });
        String afterEdit = trialBalance(http);
        assertThat(afterEdit).as("the rebuild read the stored row, not a cache").contains("5300:128.90:0.00");
        rebuilder.rebuild(Duration.ofMinutes(1), line -> { });
        assertThat(trialBalance(http)).as("two rebuilds of the same store, the same books").isEqualTo(afterEdit);
    }

    private static String trialBalance(LedgerHttp http) {
        return String.join(",", JournalApiTest.rowsOf(http.getConsistent("auditor",
                "/api/v1/reports/trial-balance?asOf=2026-12-31").body(), "USD"));
    }
}
