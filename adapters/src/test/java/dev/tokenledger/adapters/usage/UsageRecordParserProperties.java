package dev.tokenledger.adapters.usage;

import dev.tokenledger.adapters.usageledger.UsageLedger;
import dev.tokenledger.kernel.InputFingerprint;
import dev.tokenledger.usage.UsageRecord;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record's fingerprint is stored with its key for ever (a resend is told from a conflict by it), so its bytes are
 * fixed: the content's fields, the instant as {@link Instant#toString()}, the quantities as a sorted map's
 * {@code toString()}. Whatever shortcut the parser takes to build them must give the same text.
 */
class UsageRecordParserProperties {

    private final UsageRecordParser parser = new UsageRecordParser(ZoneOffset.UTC);

    @Property
    void fingerprintIsTheStoredForm(@ForAll @LongRange(min = 1_600_000_000L, max = 2_000_000_000L) long epochSecond,
                                    @ForAll @IntRange(min = 0, max = 3) int precision,
                                    @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                                    @ForAll @IntRange(min = 0, max = 2) int shape,
                                    @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long input,
                                    @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long output,
                                    @ForAll @LongRange(min = 0, max = 1_000) long cached,
                                    @ForAll @AlphaChars @StringLength(min = 1, max = 12) String unit,
                                    @ForAll boolean withUnit, @ForAll boolean withMetadata) {
        int[] keep = {1_000_000_000, 1_000_000, 1_000, 1};
        Instant at = Instant.ofEpochSecond(epochSecond, nanos / keep[precision] * keep[precision]);
        String text = switch (shape) {
            case 0 -> at.toString();
            case 1 -> at.atOffset(ZoneOffset.ofHours(2)).toString();
            default -> at.atOffset(ZoneOffset.UTC).toString(); // may drop the seconds when they are 0
        };
        String otherUnit = "x_" + unit.toLowerCase(java.util.Locale.ROOT);
        RawUsage raw = new RawUsage(1, "r-1", "cust-1", "user 1", text, "atlas", "chat", "own", Long.toString(input),
                Long.toString(output), Long.toString(cached), withUnit ? Map.of(otherUnit, "7") : null,
                withMetadata ? "{\"a\":1}" : null);

        UsageRecordParser.Parsed parsed = parser.parse(raw);

        assertThat(parsed.rejection()).isNull();
        Map<String, Long> quantities = new TreeMap<>(Map.of(UsageRecord.INPUT_TOKENS, input,
                UsageRecord.OUTPUT_TOKENS, output, UsageRecord.CACHED_TOKENS, cached));
        if (withUnit) {
            quantities.put(otherUnit, 7L);
        }
        assertThat(parsed.record().fingerprint()).isEqualTo(InputFingerprint.of("cust-1", "user 1", at.toString(),
                "atlas", "chat", "own", quantities.toString(), withMetadata ? "{\"a\":1}" : null));
    }

    /**
     * The 64-bit fingerprint the ledger stored for this record of the benchmark's file (seed 42) before the parser's
     * shortcuts (commit f34998f, read from its usage_key table) stays what it was.
     */
    @Example
    void aStoredFingerprintStaysTheSame() {
        RawUsage raw = new RawUsage(1, "u-0-50-1-26", "cust-0050", "user-50-1", "2025-11-01T00:00:19Z", "orbit", "chat",
                "orbitai", "54337", "16301", "0", null, null);
        assertThat(UsageLedger.fingerprint64(parser.parse(raw).record().fingerprint())).isEqualTo(-3714017037253012724L);
    }

    @Example
    void mapTextIsTheSortedMapsOwnText() {
        Map<String, Long> quantities = new TreeMap<>(Map.of("b", 2L, "a", 1L, "c", 1_000_000_000_000L));
        assertThat(UsageRecordParser.mapText(quantities)).isEqualTo(quantities.toString());
        assertThat(UsageRecordParser.mapText(new TreeMap<>())).isEqualTo("{}");
    }

    /**
     * The reporting date comes from a cache of days; whatever the order of the instants (a day's records one after
     * another, days far apart sharing a slot, both sides of a daylight-saving change) it is the zone's own date.
     */
    @Property
    void reportingDateIsTheZonesDate(@ForAll("zones") String zone,
                                     @ForAll java.util.List<@LongRange(min = 1_600_000_000L, max = 2_000_000_000L) Long> seconds,
                                     @ForAll @IntRange(min = 0, max = 7_200) int step) {
        UsageRecordParser inZone = new UsageRecordParser(java.time.ZoneId.of(zone));
        for (long second : seconds) {
            // each drawn instant, then a walk of a few hours from it in steps, crossing midnights and clock changes
            for (long t = second; t < second + 6L * step + 1; t += Math.max(1, step)) {
                Instant instant = Instant.ofEpochSecond(t, 999_999_999L);
                assertThat(inZone.reportingDate(instant)).isEqualTo(instant.atZone(java.time.ZoneId.of(zone)).toLocalDate());
            }
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> zones() {
        return net.jqwik.api.Arbitraries.of("UTC", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe",
                "Pacific/Apia", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham");
    }
}
