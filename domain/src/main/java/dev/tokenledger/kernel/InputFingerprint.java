package dev.tokenledger.kernel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a request's canonical form. Used to tell a harmless retry (same id, same content) from a
 * client bug (same id, different content).
 */
public final class InputFingerprint {

    /**
     * This thread's digest (getInstance looks the provider up on every call) and the buffer the bytes to hash are
     * gathered in (one digest update per call instead of two per part). One thread-local for both, looked up once a
     * call: a usage record's eight parts looked the buffer up ten times, with the parts' lengths formatted as strings
     * first, about a third of the fingerprint's time in a JFR profile of the usage benchmark's reader (BENCHMARKS.md,
     * "Fewer passes over a batch's records").
     */
    private static final class Scratch {
        final MessageDigest sha256;
        byte[] buffer = new byte[1024];

        Scratch() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }

        /** The buffer, grown (keeping its contents) to hold at least {@code needed} bytes. */
        byte[] room(int needed) {
            if (needed > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
            }
            return buffer;
        }

        String digest(int length) {
            sha256.reset();
            sha256.update(buffer, 0, length);
            return HexFormat.of().formatHex(sha256.digest());
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private InputFingerprint() {
    }

    /**
     * Hashes the parts in order, each as its UTF-8 byte length in decimal, ':' and its UTF-8 bytes, so that
     * ("ab","c") and ("a","bc") differ.
     */
    public static String of(Object... parts) {
        Scratch scratch = SCRATCH.get();
        int length = 0;
        for (Object part : parts) {
            length = append(scratch, String.valueOf(canonical(part)), length);
        }
        return scratch.digest(length);
    }

    /**
     * The same as {@code of(leading..., String.join(",", items))}, without building the joined text: a usage posting
     * fingerprints the fingerprints of its records, a few hundred of 64 characters each, and joining them first was
     * about a seventh of the wallet's time on the benchmark's ingestion path (BENCHMARKS.md, "Keys in COPY's binary
     * format").
     */
    public static String ofJoined(java.util.List<String> items, Object... leading) {
        int size = Math.max(0, items.size() - 1);
        for (String item : items) {
            if (!ascii(item)) {
                Object[] parts = java.util.Arrays.copyOf(leading, leading.length + 1);
                parts[leading.length] = String.join(",", items);
                return of(parts);
            }
            size += item.length();
        }
        Scratch scratch = SCRATCH.get();
        int length = 0;
        for (Object part : leading) {
            length = append(scratch, String.valueOf(canonical(part)), length);
        }
        byte[] buffer = scratch.room(length + 11 + size);
        length = lengthPrefix(buffer, length, size);
        for (int k = 0; k < items.size(); k++) {
            if (k > 0) {
                buffer[length++] = (byte) ',';
            }
            String item = items.get(k);
            for (int i = 0; i < item.length(); i++) {
                buffer[length++] = (byte) item.charAt(i);
            }
        }
        return scratch.digest(length);
    }

    /** Appends one part at {@code length}: its UTF-8 size in decimal, ':' and its bytes. */
    private static int append(Scratch scratch, String text, int length) {
        byte[] utf8 = ascii(text) ? null : text.getBytes(StandardCharsets.UTF_8);
        int size = utf8 == null ? text.length() : utf8.length;
        byte[] buffer = scratch.room(length + 11 + size);
        length = lengthPrefix(buffer, length, size);
        if (utf8 == null) {
            for (int i = 0; i < size; i++) {
                buffer[length++] = (byte) text.charAt(i);
            }
        } else {
            System.arraycopy(utf8, 0, buffer, length, size);
            length += size;
        }
        return length;
    }

    /** Writes {@code size} in decimal digits (at most 10: it is an int) and ':' at {@code at}. */
    private static int lengthPrefix(byte[] buffer, int at, int size) {
        if (size < 100) { // most parts: one or two digits
            if (size >= 10) {
                buffer[at++] = (byte) ('0' + size / 10);
            }
            buffer[at] = (byte) ('0' + size % 10);
            buffer[at + 1] = (byte) ':';
            return at + 2;
        }
        int digits = 1;
        for (int rest = size / 10; rest > 0; rest /= 10) {
            digits++;
        }
        int end = at + digits;
        for (int i = end - 1, rest = size; i >= at; i--, rest /= 10) {
            buffer[i] = (byte) ('0' + rest % 10);
        }
        buffer[end] = (byte) ':';
        return end + 1;
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static Object canonical(Object part) {
        // numbers compare by value, so 10.5 and 10.50 are the same request
        if (part instanceof java.math.BigDecimal decimal) {
            if (decimal.signum() == 0) {
                return "0";
            }
            java.math.BigDecimal stripped = decimal.stripTrailingZeros();
            // a number no request may carry (refused later) must not be expanded into billions of digits here
            return Math.abs((long) stripped.scale()) > 1000 ? stripped.toString() : stripped.toPlainString();
        }
        // nested request parts (a contract's obligations) compare their numbers by value too
        if (part instanceof java.util.List<?> list) {
            return list.stream().map(InputFingerprint::canonical).map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(",", "[", "]"));
        }
        if (part instanceof Record record) {
            StringBuilder text = new StringBuilder(record.getClass().getSimpleName()).append('[');
            for (var component : record.getClass().getRecordComponents()) {
                try {
                    text.append(component.getName()).append('=')
                            .append(canonical(component.getAccessor().invoke(record))).append(';');
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + component.getName(), e);
                }
            }
            return text.append(']').toString();
        }
        return part;
    }
}
