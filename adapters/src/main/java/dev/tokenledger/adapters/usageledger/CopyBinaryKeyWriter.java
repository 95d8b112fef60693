package dev.tokenledger.adapters.usageledger;

import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * Streams the usage ledger's keys (record id, 64-bit fingerprint, block id) to a PostgreSQL
 * {@code COPY ... FROM STDIN (FORMAT binary)}, flushing every 64 KiB. One row per usage record, the one per-record
 * write of an ingestion: in COPY's text format the two numbers were written digit by digit, about 7 % of the
 * ingestion thread's samples in a JFR profile of the 2-million-record benchmark (BENCHMARKS.md, "Keys in COPY's
 * binary format"); here they are eight bytes each. Layout: PostgreSQL's documentation, "COPY", "Binary Format".
 */
final class CopyBinaryKeyWriter {

    private static final int FLUSH_AT = 64 * 1024;
    /** "PGCOPY\n\377\r\n\0", then the flags (no OIDs) and the header extension's length, both 0. */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0};
    private static final short FIELDS = 3;
    private static final short TRAILER = -1;
    private static final int MAX_ID_CHARS = 1024;

    private final CopyIn copy;
    private final byte[] buffer = new byte[FLUSH_AT + 1024];
    private int length;

    CopyBinaryKeyWriter(CopyIn copy) {
        this.copy = copy;
        System.arraycopy(HEADER, 0, buffer, 0, HEADER.length);
        length = HEADER.length;
    }

    /** The statement that reads what this writes, for the key table's three columns. */
    static String copyStatement(String table, String idColumn, String fingerprintColumn, String blockColumn) {
        return "COPY " + table + " (" + idColumn + ", " + fingerprintColumn + ", " + blockColumn
                + ") FROM STDIN (FORMAT binary)";
    }

    void keyRow(String id, long fingerprint, long block) throws SQLException {
        int n = id.length();
        if (n > MAX_ID_CHARS) { // the parser's bound is 128: a longer id is a bug upstream, not data to store
            throw new IllegalArgumentException("record id of " + n + " characters; a key holds at most " + MAX_ID_CHARS);
        }
        // at most 4 UTF-8 bytes a character
        if (length + 2 + 4 + 4 * n + 2 * (4 + 8) > buffer.length) {
            flush();
        }
        int at = putShort(length, FIELDS);
        int lengthAt = at;
        at += 4;
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            if (c >= 0x80) { // not the parser's alphabet: a migrated or future id, sent as its UTF-8 bytes
                byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
                System.arraycopy(utf8, 0, buffer, lengthAt + 4, utf8.length);
                at = lengthAt + 4 + utf8.length;
                break;
            }
            buffer[at++] = (byte) c;
        }
        putInt(lengthAt, at - lengthAt - 4);
        at = putInt(at, 8);
        at = putLong(at, fingerprint);
        at = putInt(at, 8);
        length = putLong(at, block);
        if (length >= FLUSH_AT) {
            flush();
        }
    }

    /** Sends what is buffered and the trailer, and ends the COPY; returns the rows the server took. */
    long finish() throws SQLException {
        if (length + 2 > buffer.length) {
            flush();
        }
        length = putShort(length, TRAILER);
        flush();
        return copy.endCopy();
    }

    // network byte order (big-endian), as the binary format wants

    private int putShort(int at, short v) {
        buffer[at] = (byte) (v >>> 8);
        buffer[at + 1] = (byte) v;
        return at + 2;
    }

    private int putInt(int at, int v) {
        buffer[at] = (byte) (v >>> 24);
        buffer[at + 1] = (byte) (v >>> 16);
        buffer[at + 2] = (byte) (v >>> 8);
        buffer[at + 3] = (byte) v;
        return at + 4;
    }

    private int putLong(int at, long v) {
        putInt(at, (int) (v >>> 32));
        return putInt(at + 4, (int) v);
    }

    private void flush() throws SQLException {
        if (length > 0) {
            copy.writeToCopy(buffer, 0, length);
            length = 0;
        }
    }
}
