package dev.tokenledger.adapters.usageledger;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A block reads back exactly the records written into it (every field, nulls, any text, decimals beyond 64 bits,
 * times to the nanosecond, times going backwards), and a damaged block is refused, never read as other records.
 */
class UsageBlockCodecProperties {

    static final UsageBlockCodec.Shared SHARED = new UsageBlockCodec.Shared("acme", "p-1", "usage-p-1", "b-1", "USD",
            Instant.parse("2026-12-02T10:00:00.123456Z"));

    @Property(tries = 300)
    void blocksReadBackExactly(@ForAll("blocks") List<LedgerRecord> records) {
        UsageBlockCodec.Encoded encoded = UsageBlockCodec.encode(records);
        assertThat(UsageBlockCodec.decode(SHARED, encoded)).containsExactlyElementsOf(records);
    }

    @Property(tries = 200)
    void aDamagedBlockIsRefused(@ForAll("blocks") List<LedgerRecord> records, @ForAll @IntRange(min = 0, max = 10_000) int at,
                                @ForAll @IntRange(min = 1, max = 255) int flip) {
        UsageBlockCodec.Encoded encoded = UsageBlockCodec.encode(records);
        byte[] damaged = encoded.payload().clone();
        damaged[at % damaged.length] ^= (byte) flip;
        assertThatThrownBy(() -> UsageBlockCodec.decode(SHARED, new UsageBlockCodec.Encoded(damaged, encoded.rawBytes(), encoded.checksum())))
                .isInstanceOf(UsageBlockCodec.CorruptBlockException.class);
    }

    /** Text is written straight from its characters below 127 ASCII characters: the lengths around that bound. */
    @net.jqwik.api.Example
    void textAroundTheOneByteLengthReadsBack() {
        List<LedgerRecord> records = new java.util.ArrayList<>();
        for (int n : new int[]{1, 125, 126, 127, 128, 300}) {
            for (String letter : new String[]{"a", "é", "模"}) {
                String text = "x".repeat(n - 1) + letter;
                records.add(new LedgerRecord(text, SHARED.customerId(), text, Instant.ofEpochSecond(n), LocalDate.ofEpochDay(n),
                        "atlas", text, null, n, 0, 0, null, text, SHARED.currency(), BigDecimal.ONE, BigDecimal.ZERO,
                        "COMPUTE", text, "own@v1", SHARED.postingId(), SHARED.entryId(), SHARED.batchId(),
                        SHARED.recordedAt(), 0L));
            }
        }
        assertThat(UsageBlockCodec.decode(SHARED, UsageBlockCodec.encode(records))).containsExactlyElementsOf(records);
    }

    @Provide
    Arbitrary<List<LedgerRecord>> blocks() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40);
        Arbitrary<String> nullableText = text.injectNull(0.3);
        Arbitrary<String> few = Arbitraries.of("atlas", "orbit", "nova", "a\tb\\c", "模型");
        Arbitrary<Instant> at = Arbitraries.longs().between(-2_000_000_000L, 30_000_000_000L)
                .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
        Arbitrary<BigDecimal> money = Combinators.combine(Arbitraries.bigIntegers().between(
                        BigInteger.TEN.pow(37).negate(), BigInteger.TEN.pow(37)), Arbitraries.integers().between(0, 18))
                .as(BigDecimal::new);
        Arbitrary<Long> tokens = Arbitraries.longs().between(0, Long.MAX_VALUE);
        Arbitrary<LedgerRecord> record = Combinators.combine(
                Combinators.combine(text.filter(s -> !s.isEmpty()), nullableText, at,
                        Arbitraries.longs().between(-100_000, 2_900_000).map(LocalDate::ofEpochDay), few,
                        few.injectNull(0.3), nullableText, tokens).as((id, user, when, day, model, feature, provider, in)
                        -> new Object[]{id, user, when, day, model, feature, provider, in}),
                Combinators.combine(tokens, tokens, nullableText, nullableText, money, money, few, text).as(
                        (out, cached, other, metadata, value, cost, role, rate) -> new Object[]{out, cached, other, metadata, value, cost, role, rate}),
                nullableText.filter(s -> s == null || !s.isEmpty()).map(s -> s == null ? "own@v1" : s))
                .as((a, b, costCard) -> new LedgerRecord((String) a[0], SHARED.customerId(), (String) a[1], (Instant) a[2],
                        (LocalDate) a[3], (String) a[4], (String) a[5], (String) a[6], (Long) a[7], (Long) b[0], (Long) b[1],
                        (String) b[2], (String) b[3], SHARED.currency(), (BigDecimal) b[4], (BigDecimal) b[5], (String) b[6],
                        (String) b[7], costCard, SHARED.postingId(), SHARED.entryId(), SHARED.batchId(), SHARED.recordedAt(), 0L));
        return record.list().ofMinSize(1).ofMaxSize(300);
    }
}
