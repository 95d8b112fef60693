package dev.tokenledger.adapters.usageledger;

import dev.tokenledger.adapters.PostgresSchema;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exactly-once look-up before a batch (record id -> fingerprint) on the real PostgreSQL: right for ids held and
 * not held, across look-up chunks, and one primary-key probe per id on a key table whose statistics are stale (never
 * analyzed, as on a server without autovacuum): never a scan of the whole table, which cost an import most of
 * PostgreSQL's time (BENCHMARKS.md, "The exactly-once look-up").
 */
class KeyLookupTest {

    static final String SCHEMA = "it_usage_key_lookup";

    @Test
    void idsAreProbedThroughThePrimaryKeyAndFoundExactly() throws Exception {
        try (var app = PostgresSchema.startLedger(SCHEMA, "--spring.main.web-application-type=none")) {
            DSLContext db = app.getBean(DSLContext.class);
            UsageLedger ledger = app.getBean(UsageLedger.class);
            // 200,000 keys written as the ledger writes them, the table never analyzed afterwards
            db.execute("INSERT INTO usage_key (record_id, fingerprint, block_id) "
                    + "SELECT 'k-' || g, g * 7919 - 100000, g / 4096 FROM generate_series(1, 200000) g");

            List<String> ids = new ArrayList<>();
            Map<String, Long> expected = new HashMap<>();
            for (int i = 0; i < 12_000; i++) { // more than two chunks; every third id held
                String id = i % 3 == 0 ? "k-" + (1 + i * 13) : "new-" + i;
                ids.add(id);
                if (i % 3 == 0) {
                    expected.put(id, (long) (1 + i * 13) * 7919 - 100000);
                }
            }
            ids.add("k-1 "); // ids compare byte for byte: a trailing space is another id
            ids.add("K-1");
            assertThat(ledger.knownFingerprints(ids)).isEqualTo(expected);

            String plan = String.join("\n", db.fetch("EXPLAIN " + db.renderInlined(
                    ledger.knownFingerprintsQuery(ids.subList(0, 5_000)))).getValues(0, String.class));
            assertThat(plan).as(plan).contains("Index Scan using usage_key_pkey").doesNotContain("Seq Scan on usage_key");
        }
    }
}
