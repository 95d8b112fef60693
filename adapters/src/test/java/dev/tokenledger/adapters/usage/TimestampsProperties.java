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
}
