package dev.tokenledger.adapters.usageledger;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the binary key writer sends reads back, row by row, as the keys it was given (PostgreSQL's binary COPY format:
 * signature, flags, extension length, then per row a field count and length-prefixed fields, then the trailer).
 * That PostgreSQL itself takes it is checked by every ingestion test on the real database (UsageLedgerTest).
 */
class CopyBinaryKeyWriterProperties {

    record Key(String id, long fingerprint, long block) {
    }

    @Property(tries = 200)
    void keysReadBackExactly(@ForAll @Size(max = 3000) List<@StringLength(min = 1, max = 128) @CharRange(from = ' ', to = '\uD7FF') String> ids,
                             @ForAll long fingerprintSeed, @ForAll @IntRange(min = 0, max = 1 << 20) int firstBlock)
            throws SQLException {
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            keys.add(new Key(ids.get(i), fingerprintSeed * 31 + i * 0x9E3779B97F4A7C15L, firstBlock + i / 7));
        }
        CapturedCopy capture = new CapturedCopy();
        CopyBinaryKeyWriter writer = new CopyBinaryKeyWriter(capture);
        for (Key k : keys) {
            writer.keyRow(k.id(), k.fingerprint(), k.block());
        }
        writer.finish();

        assertThat(read(capture.bytes.toByteArray())).containsExactlyElementsOf(keys);
    }

    @Property(tries = 10)
    void anEmptyCopyIsHeaderAndTrailer() throws SQLException {
        CapturedCopy capture = new CapturedCopy();
        new CopyBinaryKeyWriter(capture).finish();
        assertThat(read(capture.bytes.toByteArray())).isEmpty();
    }

    @Property(tries = 10)
    void anIdBeyondAnyKeyIsRefusedNotTruncated(@ForAll @IntRange(min = 1025, max = 100_000) int length) {
        CopyBinaryKeyWriter writer = new CopyBinaryKeyWriter(new CapturedCopy());
        assertThatThrownBy(() -> writer.keyRow("a".repeat(length), 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Key> read(byte[] sent) {
        ByteBuffer in = ByteBuffer.wrap(sent); // big-endian, as the format
        byte[] signature = new byte[11];
        in.get(signature);
        assertThat(signature).isEqualTo(new byte[]{'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0});
        assertThat(in.getInt()).as("flags").isZero();
        assertThat(in.getInt()).as("header extension").isZero();
        List<Key> keys = new ArrayList<>();
        for (short fields = in.getShort(); fields != -1; fields = in.getShort()) {
            assertThat(fields).isEqualTo((short) 3);
            byte[] id = new byte[in.getInt()];
            in.get(id);
            assertThat(in.getInt()).isEqualTo(8);
            long fingerprint = in.getLong();
            assertThat(in.getInt()).isEqualTo(8);
            keys.add(new Key(new String(id, StandardCharsets.UTF_8), fingerprint, in.getLong()));
        }
        assertThat(in.hasRemaining()).as("nothing after the trailer").isFalse();
        return keys;
    }
}
