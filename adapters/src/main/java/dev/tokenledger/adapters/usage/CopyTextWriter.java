package dev.tokenledger.adapters.usage;

import org.postgresql.copy.CopyIn;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * Streams rows to a PostgreSQL {@code COPY ... FROM STDIN} in its text format, flushing every 64 KiB, so the server
 * stores the first rows while the rest are still being encoded. Values are written as their {@code toString()}
 * (plain notation for decimals); tab, newline, carriage return and backslash are escaped, null is {@code \N}.
 */
final class CopyTextWriter {

    private static final int FLUSH_AT = 64 * 1024;

    private final CopyIn copy;
    private final byte[] buffer = new byte[FLUSH_AT + 1024];
    private int length;
    private boolean rowStarted;

    CopyTextWriter(CopyIn copy) {
        this.copy = copy;
    }

    void row(Object... values) throws SQLException {
        for (Object value : values) {
            field(value);
        }
        endRow();
    }

    void field(Object value) throws SQLException {
        if (rowStarted) {
            put((byte) '\t');
        }
        rowStarted = true;
        if (value == null) {
            put((byte) '\\');
            put((byte) 'N');
        } else if (value instanceof Long n) {
            ascii(Long.toString(n));
        } else if (value instanceof BigDecimal d) {
            ascii(d.toPlainString());
        } else {
            text(value.toString());
        }
    }

    void endRow() throws SQLException {
        put((byte) '\n');
        rowStarted = false;
        if (length >= FLUSH_AT) {
            flush();
        }
    }

    /** Sends what is buffered and ends the COPY; returns the rows the server took. */
    long finish() throws SQLException {
        flush();
        return copy.endCopy();
    }

    private void text(String s) throws SQLException {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                utf8(s, i);
                return;
            }
            escaped(c);
        }
    }

    /** The rest of {@code s} from {@code from}, which holds characters beyond ASCII. */
    private void utf8(String s, int from) throws SQLException {
        String rest = s.substring(from).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
        byte[] bytes = rest.getBytes(StandardCharsets.UTF_8);
        if (length + bytes.length > buffer.length) {
            flush();
        }
        if (bytes.length > buffer.length) {
            copy.writeToCopy(bytes, 0, bytes.length);
            return;
        }
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void escaped(char c) throws SQLException {
        switch (c) {
            case '\\' -> {
                put((byte) '\\');
                put((byte) '\\');
            }
            case '\t' -> {
                put((byte) '\\');
                put((byte) 't');
            }
            case '\n' -> {
                put((byte) '\\');
                put((byte) 'n');
            }
            case '\r' -> {
                put((byte) '\\');
                put((byte) 'r');
            }
            default -> put((byte) c);
        }
    }

    private void ascii(String s) throws SQLException {
        for (int i = 0; i < s.length(); i++) {
            put((byte) s.charAt(i));
        }
    }

    private void put(byte b) throws SQLException {
        if (length == buffer.length) {
            flush();
        }
        buffer[length++] = b;
    }

    private void flush() throws SQLException {
        if (length > 0) {
            copy.writeToCopy(buffer, 0, length);
            length = 0;
        }
    }
}
