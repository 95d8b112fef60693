package dev.tokenledger.adapters.usage;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-read timestamps agree with the JDK's ISO-8601 parser, which stays the judge of everything unusual. */
class TimestampsProperties {

    private static final DateTimeFormatter WITH_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX");
    private static final DateTimeFormatter WHOLE_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    @Property
    void readsWhatTheGeneralParserReads(@ForAll @LongRange(min = 0, max = 4_102_444_800L) long epochSecond,
                                        @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                                        @ForAll @IntRange(min = -18 * 4, max = 18 * 4) int quarterHours) {
        OffsetDateTime at = Instant.ofEpochSecond(epochSecond, nanos).atOffset(ZoneOffset.ofTotalSeconds(quarterHours * 900));
        for (String text : new String[]{at.toString(), WITH_SECONDS.format(at), WHOLE_SECONDS.format(at)}) {
            Instant quick = Timestamps.quick(text);
            if (quick != null) {
                assertThat(quick).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
            }
            assertThat(Timestamps.parse(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
        }
        assertThat(Timestamps.quick(WITH_SECONDS.format(at))).isEqualTo(at.toInstant());
    }

    @Example
    void leavesUnusualShapesToTheGeneralParser() {
        assertThat(Timestamps.quick("2026-03-02T10:15Z")).isNull(); // no seconds: still valid ISO-8601
        assertThat(Timestamps.parse("2026-03-02T10:15Z")).isEqualTo(Instant.parse("2026-03-02T10:15:00Z"));
        assertThat(Timestamps.quick("2026-02-30T10:15:00Z")).isNull();
        assertThatThrownBy(() -> Timestamps.parse("2026-02-30T10:15:00Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Timestamps.parse("2026-03-02T10:15:00")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Timestamps.parse("2026-03-02T1a:15:00Z")).isInstanceOf(DateTimeParseException.class);
    }

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX");

    /** A record's fingerprint hashes Instant.toString(): the text itself stands for it only when it is that text. */
    @Property
    void canonicalIsTheInstantsOwnText(@ForAll @LongRange(min = 0, max = 4_102_444_800L) long epochSecond,
                                       @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                                       @ForAll @IntRange(min = 0, max = 3) int precision,
                                       @ForAll @IntRange(min = -18 * 4, max = 18 * 4) int quarterHours) {
        int[] keep = {1_000_000_000, 1_000_000, 1_000, 1};
        Instant instant = Instant.ofEpochSecond(epochSecond, nanos / keep[precision] * keep[precision]);
        for (ZoneOffset offset : new ZoneOffset[]{ZoneOffset.UTC, ZoneOffset.ofTotalSeconds(quarterHours * 900)}) {
            OffsetDateTime at = instant.atOffset(offset);
            for (String text : new String[]{instant.toString(), at.toString(), WITH_SECONDS.format(at),
                    WHOLE_SECONDS.format(at), MILLIS.format(at), MICROS.format(at), at.toString().toLowerCase()}) {
                Instant parsed;
                try {
                    parsed = Timestamps.parse(text);
                } catch (DateTimeParseException e) {
                    continue; // not a timestamp the ledger takes
                }
                assertThat(Timestamps.canonical(text, parsed)).as(text).isEqualTo(parsed.toString());
            }
        }
    }

    @Example
    void canonicalFormsSeen() {
        for (String text : new String[]{"2025-11-01T00:00:19Z", "2025-11-01T00:00:19.120Z", "2025-11-01T00:00:19.000Z",
                "2025-11-01T00:00:19.000100Z", "2025-11-01T00:00:19.123000Z", "2025-11-01T00:00:19.000000001Z",
                "2025-11-01T00:00:19.100000000Z", "2025-11-01t00:00:19z", "2025-11-01T00:00:19.1Z",
                "2025-11-01T00:00:19+00:00", "2025-11-01T02:00:19+02:00", "2025-11-01T00:00Z"}) {
            Instant parsed = Timestamps.parse(text);
            assertThat(Timestamps.canonical(text, parsed)).as(text).isEqualTo(parsed.toString());
        }
    }
}
