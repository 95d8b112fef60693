package dev.tokenledger.adapters;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two ledger instances on one PostgreSQL ingest at once: the same customers in every batch, and each instance sends
 * every batch the other sends (one from the first batch on, the other from the last back). Every record is accepted
 * exactly once, the rest are duplicates, nothing fails or deadlocks, and the usage ledger ties to the GL.
 */
class TwoIngestersTest {

    static final String SCHEMA = "it_two_ingesters";

    @Test
    void twoInstancesResendingEachOthersBatchesAcceptEveryRecordOnce() throws Exception {
        int batches = 16;
        int perBatch = 300;
        String[] customers = {"initech", "globex", "umbrella", "hooli", "acme"};
        List<String> bodies = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<String> records = new ArrayList<>();
            for (int i = 0; i < perBatch; i++) {
                String customer = customers[(b + i) % customers.length];
                records.add(UsageLedgerTest.usage("b" + b + "-" + i, customer,
                        "2026-0" + (2 + i % 3) + "-" + String.format("%02d", 1 + (b + i) % 27) + "T12:00:00Z",
                        i % 4 == 0 ? "orbit" : "atlas", i % 2 == 0 ? "chat" : "search", 10_000 + i, i % 4 == 0 ? 0 : 500));
            }
            bodies.add("{\"records\":[" + String.join(",", records) + "]}");
        }
        try (var first = PostgresSchema.startLedger(SCHEMA, UsageLedgerMigrationTest.NO_AUTO_START);
             var second = PostgresSchema.startLedgerOn(SCHEMA, UsageLedgerMigrationTest.NO_AUTO_START)) {
            LedgerHttp one = UsageLedgerMigrationTest.http(first);
            LedgerHttp two = UsageLedgerMigrationTest.http(second);
            assertThat(one.post("accountant", "/api/v1/rate-cards", UsageLedgerTest.CARDS_LIST).status()).isEqualTo(201);
            assertThat(one.post("accountant", "/api/v1/cost-cards", UsageLedgerTest.COSTS_OWN).status()).isEqualTo(201);
            assertThat(one.post("accountant", "/api/v1/cost-cards", UsageLedgerTest.COSTS_VENDOR).status()).isEqualTo(201);
            // the second instance knows the cards before it prices (its catalog reads the event store)
            two.awaitProjections();

            AtomicLong accepted = new AtomicLong();
            AtomicLong duplicates = new AtomicLong();
            List<String> forward = new ArrayList<>(bodies);
            List<String> backward = new ArrayList<>(bodies);
            Collections.reverse(backward);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<?>> runs = new ArrayList<>();
            for (Object[] run : List.of(new Object[]{one, forward}, new Object[]{two, backward})) {
                runs.add(pool.submit(() -> {
                    @SuppressWarnings("unchecked") List<String> sends = (List<String>) run[1];
                    for (String body : sends) {
                        var reply = ((LedgerHttp) run[0]).post("ingest", "/api/v1/usage", body);
                        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
                        assertThat(reply.body().get("rejected")).as(reply.body().toString()).isEmpty();
                        accepted.addAndGet(reply.body().get("accepted").asLong());
                        duplicates.addAndGet(reply.body().get("duplicates").asLong());
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(5, TimeUnit.MINUTES); // a deadlock would stop here
            }
            pool.shutdown();

            long total = (long) batches * perBatch;
            assertThat(accepted.get()).isEqualTo(total);
            assertThat(duplicates.get()).isEqualTo(total);
            one.awaitProjections();
            two.awaitProjections();
            for (LedgerHttp http : List.of(one, two)) {
                var ties = http.get("auditor", "/api/v1/reports/usage-ties?from=2026-02&to=2026-04");
                assertThat(ties.text("/tiesToGeneralLedger")).as(ties.body().toString()).isEqualTo("true");
                assertThat(http.get("auditor", "/api/v1/usage/records/b7-123").text("/recordId")).isEqualTo("b7-123");
            }
            // a record sent again with other content is refused by either instance
            var conflict = two.post("ingest", "/api/v1/usage", "{\"records\":[" + UsageLedgerTest.usage("b3-10", "initech",
                    "2026-02-02T12:00:00Z", "atlas", "chat", 1, 1) + "]}");
            assertThat(conflict.text("/rejected/0/code")).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        }
        assertThat(count("SELECT count(*) FROM usage_key")).isEqualTo((long) batches * perBatch);
        assertThat(count("SELECT COALESCE(SUM(records), 0) FROM usage_block")).isEqualTo((long) batches * perBatch);
        assertThat(count("SELECT COALESCE(SUM(records), 0) FROM usage_month_total")).isEqualTo((long) batches * perBatch);
    }

    static long count(String sql) throws Exception {
        return PostgresSchema.count(SCHEMA, sql);
    }
}
