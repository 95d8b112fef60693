package dev.tokenledger.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenledger.adapters.projections.ProjectionMonitor;
import dev.tokenledger.journal.PostsJournalEntry;
import dev.tokenledger.projections.BatchBuffer;
import dev.tokenledger.projections.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event the database refuses to project, found where it is hardest to see: in a batch of buffered writes that
 * fails only at commit. Health turns DOWN within seconds and names the event, the projection and the database's
 * error (no SQL text); reports meanwhile say they are partial. Both ways out work: fix the cause and retry (nothing
 * is skipped), or an operator's audited decision to exclude the event, which a rebuild repeats exactly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PoisonEventTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresSchema.register(registry, "it_poison");
    }

    @TestConfiguration
    static class ProbeConfig {
        @Bean
        MemoProbe memoProbe(DSLContext db) {
            return new MemoProbe(db);
        }
    }

    /** Copies each entry's memo into a column of five characters, in buffered batches like the real projections. */
    @ProcessingGroup(ProcessingGroups.LEDGER)
    static class MemoProbe {
        private final DSLContext db;

        MemoProbe(DSLContext db) {
            this.db = db;
        }

        @EventHandler
        void on(PostsJournalEntry event, EventMessage<?> message) {
            if (event.journalEntry() == null || event.journalEntry().memo() == null) {
                return;
            }
            String memo = event.journalEntry().memo();
            BatchBuffer.write(MemoProbe.class.getName(), ArrayList<String>::new, rows -> rows.add(memo), rows -> {
                var batch = db.batch(db.insertInto(DSL.table("memo_probe"), DSL.field("memo", SQLDataType.VARCHAR)).values((String) null));
                for (String row : rows) {
                    batch = batch.bind(row);
                }
                batch.execute();
            });
        }
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProjectionMonitor monitor;
    @Autowired
    DSLContext db;

    @Test
    void aPoisonEventIsLoudAndCanBeResolvedByAFixOrAnAuditedExclusion() throws Exception {
        db.execute("CREATE TABLE IF NOT EXISTS memo_probe (memo VARCHAR(5))");
        LedgerHttp http = new LedgerHttp(rest, monitor);
        assertThat(http.post("accountant", "/api/v1/journal-entries", entry("ok-1", "ok")).status()).isEqualTo(201);
        http.awaitProjections();

        // 1. a memo the probe's column cannot hold: refused only when the batch commits
        long started = System.currentTimeMillis();
        assertThat(http.post("accountant", "/api/v1/journal-entries", entry("poison-1", "far too long")).status()).isEqualTo(201);
        JsonNode failure = awaitHealth(http, h -> h.toString().contains("MemoProbe"));
        long seconds = (System.currentTimeMillis() - started) / 1000;
        assertThat(seconds).as("DOWN within seconds").isLessThan(20);
        assertThat(failure.at("/status").asText()).isEqualTo("DOWN");
        JsonNode processor = failure.at("/components/projections/details/" + ProcessingGroups.LEDGER);
        String eventId = processor.at("/failure/eventIdentifier").asText();
        assertThat(eventId).isNotBlank();
        assertThat(processor.at("/failure/handler").asText()).isEqualTo("MemoProbe");
        assertThat(processor.at("/failure/eventType").asText()).isEqualTo("ManualEntryPosted");
        assertThat(processor.at("/failure/error").asText()).contains("too long").doesNotContainIgnoringCase("insert into");
        assertThat(failure.toString()).doesNotContainIgnoringCase("insert into");

        // the operator can read the event that fails, as stored
        var stored = http.get("admin", "/api/v1/admin/events/" + eventId);
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.body().at("/payload/journalEntry/entryId").asText()).isEqualTo("poison-1");

        // reports meanwhile say they are partial, and claim nothing about balance
        var tb = http.get("auditor", "/api/v1/reports/trial-balance?asOf=2026-12-31");
        assertThat(tb.status()).isEqualTo(200);
        assertThat(tb.body().at("/readPosition/complete").asBoolean()).isFalse();
        assertThat(tb.body().at("/readPosition/failing").asBoolean()).isTrue();
        assertThat(tb.body().has("balanced")).isFalse();
        assertThat(tb.headers().getFirst("X-Ledger-Complete")).isEqualTo("false");

        // only the failing event can be excluded
        var wrong = http.post("admin", "/api/v1/admin/projections/exclusions",
                "{\"requestId\":\"x-0\",\"eventIdentifier\":\"00000000-0000-0000-0000-000000000000\",\"reason\":\"test\"}");
        assertThat(wrong.status()).isEqualTo(409);
        assertThat(wrong.text("/code")).isEqualTo("EVENT_NOT_FAILING");
        assertThat(http.post("accountant", "/api/v1/admin/projections/retry", "{}").status()).isEqualTo(403);

        // 2. way out one: fix the cause, retry; the event is projected, nothing was skipped
        db.execute("ALTER TABLE memo_probe ALTER COLUMN memo TYPE VARCHAR(50)");
        assertThat(http.post("admin", "/api/v1/admin/projections/retry", "{}").status()).isEqualTo(200);
        http.awaitProjections();
        assertThat(http.get("admin", "/actuator/health").body().at("/status").asText()).isEqualTo("UP");
        assertThat(db.fetchCount(DSL.table("memo_probe"), DSL.field("memo").eq("far too long"))).isEqualTo(1);
        var afterFix = http.get("auditor", "/api/v1/reports/trial-balance?asOf=2026-12-31");
        assertThat(afterFix.body().at("/readPosition/complete").asBoolean()).isTrue();
        assertThat(afterFix.body().at("/balanced").asBoolean()).isTrue();

        // 3. way out two: an audited exclusion of an event that cannot be fixed
        db.execute("ALTER TABLE memo_probe ALTER COLUMN memo TYPE VARCHAR(50)");
        String unfixable = "x".repeat(60);
        assertThat(http.post("accountant", "/api/v1/journal-entries", entry("poison-2", unfixable)).status()).isEqualTo(201);
        assertThat(http.post("accountant", "/api/v1/journal-entries", entry("after-2", "ok")).status()).isEqualTo(201);
        JsonNode second = awaitHealth(http, h -> h.toString().contains("MemoProbe"));
        String secondId = second.at("/components/projections/details/" + ProcessingGroups.LEDGER + "/failure/eventIdentifier").asText();
        var excluded = http.post("admin", "/api/v1/admin/projections/exclusions", "{\"requestId\":\"x-1\",\"eventIdentifier\":\""
                + secondId + "\",\"reason\":\"INC-7: memo cannot be stored by the probe; re-posted by hand\"}");
        assertThat(excluded.status()).as(excluded.body().toString()).isEqualTo(201);
        http.awaitProjections();
        var status = http.get("auditor", "/api/v1/admin/projections").body();
        assertThat(status.at("/excludedEvents/0/eventIdentifier").asText()).isEqualTo(secondId);
        assertThat(status.at("/excludedEvents/0/reason").asText()).startsWith("INC-7");
        assertThat(http.get("admin", "/actuator/health").body().at("/status").asText()).isEqualTo("UP");
        var gl = http.get("auditor", "/api/v1/reports/general-ledger?entryId=after-2");
        assertThat(gl.body().at("/total").asLong()).as("events after the excluded one are projected").isEqualTo(2);
        assertThat(http.get("auditor", "/api/v1/reports/general-ledger?entryId=poison-2").body().at("/total").asLong()).isZero();
        var tbExcluded = http.get("auditor", "/api/v1/reports/trial-balance?asOf=2026-12-31");
        assertThat(tbExcluded.body().at("/readPosition/excludedEvents").asInt()).isEqualTo(1);
        assertThat(tbExcluded.body().at("/readPosition/complete").asBoolean()).isFalse();

        // a rebuild leaves out exactly the excluded event, and nothing else
        db.execute("TRUNCATE memo_probe");
        var rebuild = http.post("admin", "/api/v1/admin/projections/rebuild", "{}");
        assertThat(rebuild.status()).isEqualTo(202);
        awaitRebuilt(http);
        assertThat(http.get("auditor", "/api/v1/reports/general-ledger?entryId=poison-1").body().at("/total").asLong()).isEqualTo(2);
        assertThat(http.get("auditor", "/api/v1/reports/general-ledger?entryId=poison-2").body().at("/total").asLong()).isZero();
        assertThat(http.get("auditor", "/api/v1/reports/general-ledger?entryId=after-2").body().at("/total").asLong()).isEqualTo(2);
        assertThat(http.get("admin", "/actuator/health").body().at("/status").asText()).isEqualTo("UP");
    }

    private static String entry(String id, String memo) {
        return LedgerHttp.entry(id, "2026-02-03", "USD", "1000", "3000", "1.00").replace("\"memo\":\"test\"", "\"memo\":\"" + memo + "\"");
    }

    private static JsonNode awaitHealth(LedgerHttp http, Predicate<JsonNode> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode health = null;
        while (System.currentTimeMillis() < deadline) {
            health = http.get("admin", "/actuator/health").body();
            if (condition.test(health)) {
                return health;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("health never matched: " + health);
    }

    private static void awaitRebuilt(LedgerHttp http) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode status = http.get("admin", "/api/v1/admin/projections").body();
            if ("DONE".equals(status.at("/lastRebuild/state").asText())) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("rebuild did not finish");
    }
}
