package dev.tokenledger.kernel;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** Fingerprints stored years ago must still match: the hashed bytes are fixed, whatever the code that gathers them. */
class InputFingerprintProperties {

    @Property
    void hashesLengthPrefixedUtf8Parts(@ForAll String a, @ForAll String b, @ForAll long n, @ForAll BigDecimal d)
            throws Exception {
        MessageDigest reference = MessageDigest.getInstance("SHA-256");
        for (Object part : new Object[]{a, null, b, n, d}) {
            String text = part instanceof BigDecimal x ? (x.signum() == 0 ? "0" : x.stripTrailingZeros().toPlainString())
                    : String.valueOf(part);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            reference.update((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
            reference.update(bytes);
        }
        assertThat(InputFingerprint.of(a, null, b, n, d)).isEqualTo(HexFormat.of().formatHex(reference.digest()));
    }

    @Property(tries = 20)
    void aLongPartGrowsTheBuffer(@ForAll String a) {
        String big = "x".repeat(5000) + a;
        assertThat(InputFingerprint.of(big, a)).isEqualTo(InputFingerprint.of(big, a)).hasSize(64);
    }

    /** A usage posting's fingerprint, streamed from its records' fingerprints, is the one of the joined text. */
    @Property
    void joinedItemsHashAsTheirJoinedText(@ForAll java.util.List<String> items, @ForAll String leading,
                                          @ForAll BigDecimal number) {
        assertThat(InputFingerprint.ofJoined(items, leading, number, java.time.YearMonth.of(2026, 3)))
                .isEqualTo(InputFingerprint.of(leading, number, java.time.YearMonth.of(2026, 3), String.join(",", items)));
    }

    @Property(tries = 20)
    void manyLongItemsGrowTheBuffer(@ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 2000) int count) {
        java.util.List<String> items = java.util.Collections.nCopies(count, "0123456789abcdef".repeat(4));
        assertThat(InputFingerprint.ofJoined(items, "usage", "2026-03"))
                .isEqualTo(InputFingerprint.of("usage", "2026-03", String.join(",", items)));
    }
}
