package dev.tokenledger.adapters.usageledger;

import org.postgresql.copy.CopyIn;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Streams rows to a PostgreSQL {@code COPY ... FROM STDIN} in its text format, flushing every 64 KiB, so the server
 * stores the first rows while the rest are still being encoded. Values are written as their {@code toString()} (byte arrays as bytea's hex)
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
        } else if (value instanceof byte[] bytes) {
            hex(bytes);
        } else if (value instanceof Long n) {
            number(n);
        } else if (value instanceof Integer n) {
            number(n);
        } else if (value instanceof BigDecimal d) {
            decimal(d);
        } else if (value instanceof LocalDate d && d.getYear() >= 1000 && d.getYear() <= 9999) {
            date(d);
        } else if (value instanceof OffsetDateTime t && t.getOffset().equals(ZoneOffset.UTC)
                && t.getYear() >= 1000 && t.getYear() <= 9999) {
            utcTimestamp(t);
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
        if (length + 2 * n > buffer.length) {
            flush();
        }
        if (2 * n > buffer.length) {
            utf8(s, 0); // longer than the buffer: written on its own
            return;
        }
        byte[] b = buffer;
        int at = length;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                length = at;
                utf8(s, i);
                return;
            }
            switch (c) {
                case '\\' -> {
                    b[at++] = '\\';
                    b[at++] = '\\';
                }
                case '\t' -> {
                    b[at++] = '\\';
                    b[at++] = 't';
                }
                case '\n' -> {
                    b[at++] = '\\';
                    b[at++] = 'n';
                }
                case '\r' -> {
                    b[at++] = '\\';
                    b[at++] = 'r';
                }
                default -> b[at++] = (byte) c;
            }
        }
        length = at;
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

    // Numbers, dates and times are written digit by digit: toString() would make a String per value, millions of them.

    private void number(long n) throws SQLException {
        if (n == Long.MIN_VALUE) {
            ascii(Long.toString(n));
            return;
        }
        if (n < 0) {
            put((byte) '-');
            n = -n;
        }
        int count = 1;
        for (long rest = n / 10; rest > 0; rest /= 10) {
            count++;
        }
        digits(n, count);
    }

    /** {@code n} (not negative) as exactly {@code count} digits, zero-padded on the left. */
    private void digits(long n, int count) throws SQLException {
        if (length + count > buffer.length) {
            flush();
        }
        for (int i = length + count - 1; i >= length; i--) {
            buffer[i] = (byte) ('0' + (n % 10));
            n /= 10;
        }
        length += count;
    }

    /** Plain notation, as {@link BigDecimal#toPlainString()}, without a String when the digits fit a long. */
    private void decimal(BigDecimal d) throws SQLException {
        int scale = d.scale();
        if (scale <= 0 || scale > 18 || d.precision() > 18) {
            ascii(d.toPlainString());
            return;
        }
        long unscaled = d.unscaledValue().longValue();
        if (unscaled < 0) {
            put((byte) '-');
            unscaled = -unscaled;
        }
        long pow = 1;
        for (int i = 0; i < scale; i++) {
            pow *= 10;
        }
        number(unscaled / pow);
        put((byte) '.');
        digits(unscaled % pow, scale);
    }

    private void date(LocalDate d) throws SQLException {
        digits(d.getYear(), 4);
        put((byte) '-');
        digits(d.getMonthValue(), 2);
        put((byte) '-');
        digits(d.getDayOfMonth(), 2);
    }

    private void utcTimestamp(OffsetDateTime t) throws SQLException {
        date(t.toLocalDate());
        put((byte) 'T');
        digits(t.getHour(), 2);
        put((byte) ':');
        digits(t.getMinute(), 2);
        put((byte) ':');
        digits(t.getSecond(), 2);
        if (t.getNano() > 0) {
            put((byte) '.');
            digits(t.getNano(), 9);
        }
        put((byte) 'Z');
    }

    private void ascii(String s) throws SQLException {
        for (int i = 0; i < s.length(); i++) {
            put((byte) s.charAt(i));
        }
    }

    /** bytea's hex input ({@code \\x0a1b...}), its backslash escaped as COPY's text format wants. */
    private void hex(byte[] bytes) throws SQLException {
        put((byte) '\\');
        put((byte) '\\');
        put((byte) 'x');
        for (byte b : bytes) {
            put(HEX[(b >> 4) & 0xF]);
            put(HEX[b & 0xF]);
        }
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

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
