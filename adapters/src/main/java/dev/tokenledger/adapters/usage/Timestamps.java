package dev.tokenledger.adapters.usage;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads ISO-8601 timestamps with an offset. The shape producers send almost always
 * ({@code 2026-03-02T10:15:00Z}, optional fraction, {@code Z} or {@code ±HH:MM}) is read by hand, because the general
 * parser costs more than the rest of a usage record's checks; anything else goes to {@link OffsetDateTime#parse},
 * which also words the error.
 */
final class Timestamps {

    private Timestamps() {
    }

    static Instant parse(String text) {
        Instant quick = quick(text);
        return quick != null ? quick : OffsetDateTime.parse(text).toInstant();
    }

    /** The instant, or null when the text is not of the common shape (or not a valid date and time). */
    static Instant quick(String t) {
        int n = t.length();
        if (n < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (t.charAt(i) == '.') {
            int start = ++i;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                i++;
            }
            int count = i - start;
            if (count == 0 || count > 9) {
                return null;
            }
            nanos = digits(t, start, count);
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && t.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && t.charAt(i + 3) == ':') {
            int oh = digits(t, i + 1, 2);
            int om = digits(t, i + 4, 2);
            if ((oh | om) < 0 || oh > 18 || om > 59) {
                return null;
            }
            offsetSeconds = (t.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else {
            return null;
        }
        try {
            long epochSecond = LocalDateTime.of(year, month, day, hour, minute, second)
                    .toEpochSecond(ZoneOffset.ofTotalSeconds(offsetSeconds));
            return Instant.ofEpochSecond(epochSecond, nanos);
        } catch (DateTimeException e) {
            return null; // e.g. February 30th: the general parser words the error
        }
    }

    /**
     * {@code parsed.toString()}, the form a record's fingerprint hashes, without formatting it when the text it was
     * parsed from already has that form: UTC ({@code Z}), seconds, and a fraction only of 3, 6 or 9 digits that does
     * not end in 000 ({@link java.time.format.DateTimeFormatter#ISO_INSTANT}'s output). Formatting was a sixth of the
     * fingerprint's time in the CSV reader (BENCHMARKS.md, "Keys in COPY's binary format").
     */
    static String canonical(String text, Instant parsed) {
        return isInstantForm(text) ? text : parsed.toString();
    }

    /** yyyy-MM-ddTHH:mm:ss, then .SSS, .SSSSSS or .SSSSSSSSS not ending in 000, then Z: ASCII digits where digits go. */
    private static boolean isInstantForm(String t) {
        int n = t.length();
        int fraction = n - 21;
        if (!(n == 20 || ((fraction == 3 || fraction == 6 || fraction == 9) && t.charAt(19) == '.'
                && !(t.charAt(n - 2) == '0' && t.charAt(n - 3) == '0' && t.charAt(n - 4) == '0')))) {
            return false;
        }
        if (t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
                || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return false;
        }
        return digits(t, 0, 4) >= 0 && digits(t, 5, 2) >= 0 && digits(t, 8, 2) >= 0 && digits(t, 11, 2) >= 0
                && digits(t, 14, 2) >= 0 && digits(t, 17, 2) >= 0 && (n == 20 || digits(t, 20, fraction) >= 0);
    }

    /** The decimal value of {@code count} digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(String t, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
