package dev.tokenledger.adapters.usageledger;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** What the COPY writer sends reads back, field by field, as the values it was given (PostgreSQL text format). */
class CopyTextWriterProperties {

    @Property
    void valuesReadBackExactly(@ForAll long number, @ForAll BigInteger unscaled, @ForAll @IntRange(min = -3, max = 24) int scale,
                               @ForAll @LongRange(min = -300_000, max = 2_900_000) long epochDay,
                               @ForAll @LongRange(min = -30_000_000_000L, max = 250_000_000_000L) long epochSecond,
                               @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                               @ForAll String text) throws SQLException {
        BigDecimal decimal = new BigDecimal(unscaled, scale);
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        OffsetDateTime at = Instant.ofEpochSecond(epochSecond, nanos).atOffset(ZoneOffset.UTC);
        CapturedCopy capture = new CapturedCopy();
        CopyTextWriter writer = new CopyTextWriter(capture);
        writer.row(number, decimal, date, at, text, null, 7);
        writer.finish();

        String sent = capture.bytes.toString(StandardCharsets.UTF_8);
        assertThat(sent).endsWith("\n");
        String[] fields = sent.substring(0, sent.length() - 1).split("\t", -1);
        assertThat(fields).hasSize(7);
        assertThat(Long.parseLong(fields[0])).isEqualTo(number);
        assertThat(fields[1]).isEqualTo(decimal.toPlainString());
        assertThat(LocalDate.parse(fields[2])).isEqualTo(date);
        assertThat(OffsetDateTime.parse(fields[3]).toInstant()).isEqualTo(at.toInstant());
        assertThat(unescape(fields[4])).isEqualTo(text);
        assertThat(fields[5]).isEqualTo("\\N");
        assertThat(fields[6]).isEqualTo("7");
    }

    @Property(tries = 30)
    void textLongerThanTheBufferArrivesWhole(@ForAll String piece) throws SQLException {
        String text = ("a\tb\\c\u00e9\n" + piece).repeat(12_000);
        CapturedCopy capture = new CapturedCopy();
        CopyTextWriter writer = new CopyTextWriter(capture);
        for (int i = 0; i < 3; i++) {
            writer.row("x".repeat(i * 30_000), text);
        }
        writer.finish();
        String[] rows = capture.bytes.toString(StandardCharsets.UTF_8).split("\n", -1);
        assertThat(rows).hasSize(4);
        for (int i = 0; i < 3; i++) {
            String[] fields = rows[i].split("\t", -1);
            assertThat(fields[0]).hasSize(i * 30_000);
            assertThat(unescape(fields[1])).isEqualTo(text);
        }
    }

    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = field.charAt(++i);
            out.append(switch (next) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                default -> next;
            });
        }
        return out.toString();
    }
}
