package dev.tokenledger.adapters.usageledger;

import com.github.luben.zstd.Zstd;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.zip.CRC32C;

/**
 * Encodes the records of one block column by column (all ids, then all end users, ...; repeated texts such as model
 * or rate cards as a dictionary and an index per record; numbers as variable-length integers, times as differences
 * from the record before) and compresses the result with zstd. Column by column, values alike sit together, which is
 * what lets zstd shrink them; each column is its own length-prefixed section so a reader can decode only the
 * columns it needs. What a block's records share (customer, posting, entry, batch, currency, time recorded) is kept
 * once, in the block's row, not here. A CRC32C of the uncompressed bytes is kept beside the block and checked on
 * every read.
 */
public final class UsageBlockCodec {

    /** Layout version written first in every block; a reader refuses one it does not know. */
    static final int FORMAT = 1;
    /** zstd's default level: on the benchmark's blocks, higher levels cost more CPU than they saved in bytes. */
    private static final int ZSTD_LEVEL = 3;

    /** The columns of a block, in the order they are written. */
    enum Column {
        RECORD_ID, END_USER_ID, OCCURRED_AT, USAGE_DATE, MODEL, FEATURE, PROVIDER, INPUT_TOKENS, OUTPUT_TOKENS,
        CACHED_TOKENS, OTHER_UNITS, METADATA, EXACT_VALUE, EXACT_COST, COST_ROLE, RATE_CARDS, COST_CARD
    }

    /** What every record of a block shares, kept in the block's row. */
    public record Shared(String customerId, String postingId, String entryId, String batchId, String currency,
                         Instant recordedAt) {
    }

    /** A block as stored: compressed bytes, their size before compression and the CRC32C of those bytes. */
    public record Encoded(byte[] payload, int rawBytes, long checksum) {
    }

    /** A stored block whose bytes do not match their checksum, or cannot be decoded: never read past silently. */
    public static final class CorruptBlockException extends RuntimeException {
        CorruptBlockException(String message) {
            super(message);
        }
    }

    private UsageBlockCodec() {
    }

    public static Encoded encode(List<LedgerRecord> records) {
        Out out = new Out(64 + records.size() * 48);
        out.varint(FORMAT);
        out.varint(records.size());
        Out column = new Out(records.size() * 8);
        for (Column c : Column.values()) {
            column.reset();
            writeColumn(c, records, column);
            out.varint(column.size);
            out.bytes(column.buffer, 0, column.size);
        }
        byte[] raw = Arrays.copyOf(out.buffer, out.size);
        return new Encoded(Zstd.compress(raw, ZSTD_LEVEL), raw.length, crc(raw));
    }

    private static void writeColumn(Column c, List<LedgerRecord> records, Out out) {
        switch (c) {
            case RECORD_ID -> records.forEach(r -> out.text(r.recordId()));
            case END_USER_ID -> dictionary(records, LedgerRecord::endUserId, out);
            case OCCURRED_AT -> {
                long previous = 0;
                for (LedgerRecord r : records) {
                    out.zigzag(r.occurredAt().getEpochSecond() - previous);
                    out.varint(r.occurredAt().getNano());
                    previous = r.occurredAt().getEpochSecond();
                }
            }
            case USAGE_DATE -> deltas(records, r -> r.usageDate().toEpochDay(), out);
            case MODEL -> dictionary(records, LedgerRecord::model, out);
            case FEATURE -> dictionary(records, LedgerRecord::feature, out);
            case PROVIDER -> dictionary(records, LedgerRecord::provider, out);
            case INPUT_TOKENS -> records.forEach(r -> out.zigzag(r.inputTokens()));
            case OUTPUT_TOKENS -> records.forEach(r -> out.zigzag(r.outputTokens()));
            case CACHED_TOKENS -> records.forEach(r -> out.zigzag(r.cachedTokens()));
            case OTHER_UNITS -> records.forEach(r -> out.text(r.otherUnits()));
            case METADATA -> records.forEach(r -> out.text(r.metadata()));
            case EXACT_VALUE -> records.forEach(r -> out.decimal(r.exactValue()));
            case EXACT_COST -> records.forEach(r -> out.decimal(r.exactCost()));
            case COST_ROLE -> dictionary(records, LedgerRecord::costRole, out);
            case RATE_CARDS -> dictionary(records, LedgerRecord::rateCards, out);
            case COST_CARD -> dictionary(records, LedgerRecord::costCard, out);
        }
    }

    private static void dictionary(List<LedgerRecord> records, Function<LedgerRecord, String> value, Out out) {
        Map<String, Integer> index = new HashMap<>();
        List<String> entries = new ArrayList<>();
        int[] indexes = new int[records.size()];
        int nullIndex = -1;
        String previous = null;
        int previousIndex = -1;
        for (int i = 0; i < indexes.length; i++) {
            String v = value.apply(records.get(i));
            if (v != null && v == previous) { // the same instance as the record before's (shared on reading)
                indexes[i] = previousIndex;
            } else if (v == null) {
                if (nullIndex < 0) {
                    nullIndex = entries.size();
                    entries.add(null);
                }
                indexes[i] = nullIndex;
            } else {
                Integer known = index.get(v);
                if (known == null) {
                    known = entries.size();
                    index.put(v, known);
                    entries.add(v);
                }
                indexes[i] = known;
                previous = v;
                previousIndex = known;
            }
        }
        out.varint(entries.size());
        entries.forEach(out::text);
        for (int i : indexes) {
            out.varint(i);
        }
    }

    private static void deltas(List<LedgerRecord> records, ToLongFunction<LedgerRecord> value, Out out) {
        long previous = 0;
        for (LedgerRecord r : records) {
            long v = value.applyAsLong(r);
            out.zigzag(v - previous);
            previous = v;
        }
    }

    /** Every record of the block, in the order they were encoded. */
    public static List<LedgerRecord> decode(Shared shared, Encoded stored) {
        Columns columns = open(stored);
        int n = columns.count;
        String[] ids = columns.texts(Column.RECORD_ID);
        String[] endUsers = columns.dictionary(Column.END_USER_ID);
        Instant[] occurred = columns.instants(Column.OCCURRED_AT);
        LocalDate[] dates = columns.dates(Column.USAGE_DATE);
        String[] models = columns.dictionary(Column.MODEL);
        String[] features = columns.dictionary(Column.FEATURE);
        String[] providers = columns.dictionary(Column.PROVIDER);
        long[] input = columns.longs(Column.INPUT_TOKENS);
        long[] output = columns.longs(Column.OUTPUT_TOKENS);
        long[] cached = columns.longs(Column.CACHED_TOKENS);
        String[] otherUnits = columns.texts(Column.OTHER_UNITS);
        String[] metadata = columns.texts(Column.METADATA);
        BigDecimal[] values = columns.decimals(Column.EXACT_VALUE);
        BigDecimal[] costs = columns.decimals(Column.EXACT_COST);
        String[] roles = columns.dictionary(Column.COST_ROLE);
        String[] rateCards = columns.dictionary(Column.RATE_CARDS);
        String[] costCards = columns.dictionary(Column.COST_CARD);
        List<LedgerRecord> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            records.add(new LedgerRecord(ids[i], shared.customerId(), endUsers[i], occurred[i], dates[i], models[i],
                    features[i], providers[i], input[i], output[i], cached[i], otherUnits[i], metadata[i],
                    shared.currency(), values[i], costs[i], roles[i], rateCards[i], costCards[i], shared.postingId(),
                    shared.entryId(), shared.batchId(), shared.recordedAt(), 0L));
        }
        return records;
    }

    /** The columns of a stored block, decompressed and checked, decoded one by one as asked for. */
    public static Columns open(Encoded stored) {
        byte[] raw;
        try {
            raw = Zstd.decompress(stored.payload(), stored.rawBytes());
        } catch (RuntimeException e) {
            throw new CorruptBlockException("usage block does not decompress: " + e.getMessage());
        }
        if (raw.length != stored.rawBytes() || crc(raw) != stored.checksum()) {
            throw new CorruptBlockException("usage block fails its checksum");
        }
        return new Columns(raw);
    }

    /** A decompressed block: where each column's section starts, and decoders for them. */
    public static final class Columns {
        private final byte[] raw;
        private final int count;
        private final int[] starts = new int[Column.values().length];

        private Columns(byte[] raw) {
            this.raw = raw;
            In in = new In(raw, 0);
            int format = (int) in.varint();
            if (format != FORMAT) {
                throw new CorruptBlockException("usage block of unknown format " + format);
            }
            this.count = (int) in.varint();
            for (Column c : Column.values()) {
                int length = (int) in.varint();
                starts[c.ordinal()] = in.position;
                in.position += length;
            }
            if (in.position != raw.length) {
                throw new CorruptBlockException("usage block's columns do not fill it");
            }
        }

        public int count() {
            return count;
        }

        private In at(Column c) {
            return new In(raw, starts[c.ordinal()]);
        }

        String[] texts(Column c) {
            In in = at(c);
            String[] values = new String[count];
            for (int i = 0; i < count; i++) {
                values[i] = in.text();
            }
            return values;
        }

        String[] dictionary(Column c) {
            In in = at(c);
            String[] entries = new String[(int) in.varint()];
            for (int i = 0; i < entries.length; i++) {
                entries[i] = in.text();
            }
            String[] values = new String[count];
            for (int i = 0; i < count; i++) {
                values[i] = entries[(int) in.varint()];
            }
            return values;
        }

        long[] longs(Column c) {
            In in = at(c);
            long[] values = new long[count];
            for (int i = 0; i < count; i++) {
                values[i] = in.zigzag();
            }
            return values;
        }

        Instant[] instants(Column c) {
            In in = at(c);
            Instant[] values = new Instant[count];
            long seconds = 0;
            for (int i = 0; i < count; i++) {
                seconds += in.zigzag();
                values[i] = Instant.ofEpochSecond(seconds, in.varint());
            }
            return values;
        }

        LocalDate[] dates(Column c) {
            In in = at(c);
            LocalDate[] values = new LocalDate[count];
            long day = 0;
            for (int i = 0; i < count; i++) {
                day += in.zigzag();
                values[i] = LocalDate.ofEpochDay(day);
            }
            return values;
        }

        BigDecimal[] decimals(Column c) {
            In in = at(c);
            BigDecimal[] values = new BigDecimal[count];
            for (int i = 0; i < count; i++) {
                values[i] = in.decimal();
            }
            return values;
        }

        /** The record ids, in block order. */
        public String[] recordIds() {
            return texts(Column.RECORD_ID);
        }

        public String[] endUsers() {
            return dictionary(Column.END_USER_ID);
        }

        public LocalDate[] usageDates() {
            return dates(Column.USAGE_DATE);
        }

        public BigDecimal[] exactValues() {
            return decimals(Column.EXACT_VALUE);
        }
    }

    private static long crc(byte[] raw) {
        CRC32C crc = new CRC32C();
        crc.update(raw);
        return crc.getValue();
    }

    /** A growable byte buffer with the encodings above. */
    private static final class Out {
        byte[] buffer;
        int size;

        Out(int capacity) {
            buffer = new byte[Math.max(16, capacity)];
        }

        void reset() {
            size = 0;
        }

        private void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }

        void varint(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buffer[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buffer[size++] = (byte) v;
        }

        void zigzag(long v) {
            varint((v << 1) ^ (v >> 63));
        }

        void bytes(byte[] b, int from, int length) {
            ensure(length);
            System.arraycopy(b, from, buffer, size, length);
            size += length;
        }

        /** Length + 1, then UTF-8 bytes; 0 for null. */
        void text(String s) {
            if (s == null) {
                varint(0);
                return;
            }
            int n = s.length();
            if (n < 127 && ascii(s)) { // a record id, most values: their bytes are their characters, no copy needed
                ensure(1 + n);
                buffer[size++] = (byte) (n + 1);
                for (int i = 0; i < n; i++) {
                    buffer[size++] = (byte) s.charAt(i);
                }
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length + 1L);
            bytes(b, 0, b.length);
        }

        private static boolean ascii(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) >= 0x80) {
                    return false;
                }
            }
            return true;
        }

        /** Scale, then the unscaled value: as a variable-length integer when it fits in 63 bits, else its bytes. */
        void decimal(BigDecimal d) {
            zigzag(d.scale());
            BigInteger unscaled = d.unscaledValue();
            if (unscaled.bitLength() < 63) {
                varint(0);
                zigzag(unscaled.longValue());
            } else {
                byte[] b = unscaled.toByteArray();
                varint(b.length);
                bytes(b, 0, b.length);
            }
        }
    }

    private static final class In {
        final byte[] buffer;
        int position;

        In(byte[] buffer, int position) {
            this.buffer = buffer;
            this.position = position;
        }

        long varint() {
            long v = 0;
            int shift = 0;
            while (true) {
                if (position >= buffer.length || shift > 63) {
                    throw new CorruptBlockException("usage block ends inside a number");
                }
                byte b = buffer[position++];
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
                shift += 7;
            }
        }

        long zigzag() {
            long v = varint();
            return (v >>> 1) ^ -(v & 1);
        }

        String text() {
            long length = varint();
            if (length == 0) {
                return null;
            }
            int n = (int) (length - 1);
            if (n < 0 || position + n > buffer.length) {
                throw new CorruptBlockException("usage block ends inside a text");
            }
            String s = new String(buffer, position, n, StandardCharsets.UTF_8);
            position += n;
            return s;
        }

        BigDecimal decimal() {
            int scale = (int) zigzag();
            int length = (int) varint();
            if (length == 0) {
                return BigDecimal.valueOf(zigzag(), scale);
            }
            if (position + length > buffer.length) {
                throw new CorruptBlockException("usage block ends inside a decimal");
            }
            BigInteger unscaled = new BigInteger(buffer, position, length);
            position += length;
            return new BigDecimal(unscaled, scale);
        }
    }
}
