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

    /** getInstance looks the provider up on every call; hashing millions of usage records reuses one per thread. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    private InputFingerprint() {
    }

    /** The bytes to hash are gathered here first: one digest update per call instead of two per part. */
    private static final ThreadLocal<byte[][]> SCRATCH = ThreadLocal.withInitial(() -> new byte[][]{new byte[1024]});

    /**
     * Hashes the parts in order, each as its UTF-8 byte length in decimal, ':' and its UTF-8 bytes, so that
     * ("ab","c") and ("a","bc") differ.
     */
    public static String of(Object... parts) {
        int length = 0;
        for (Object part : parts) {
            length = append(String.valueOf(canonical(part)), length);
        }
        return digest(length);
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
        int length = 0;
        for (Object part : leading) {
            length = append(String.valueOf(canonical(part)), length);
        }
        String prefix = Integer.toString(size);
        byte[] buffer = room(length + prefix.length() + 1 + size);
        for (int i = 0; i < prefix.length(); i++) {
            buffer[length++] = (byte) prefix.charAt(i);
        }
        buffer[length++] = (byte) ':';
        for (int k = 0; k < items.size(); k++) {
            if (k > 0) {
                buffer[length++] = (byte) ',';
            }
            String item = items.get(k);
            for (int i = 0; i < item.length(); i++) {
                buffer[length++] = (byte) item.charAt(i);
            }
        }
        return digest(length);
    }

    /** Appends one part to the scratch buffer at {@code length}: its UTF-8 size in decimal, ':' and its bytes. */
    private static int append(String text, int length) {
        byte[] utf8 = ascii(text) ? null : text.getBytes(StandardCharsets.UTF_8);
        int size = utf8 == null ? text.length() : utf8.length;
        String prefix = Integer.toString(size);
        byte[] buffer = room(length + prefix.length() + 1 + size);
        for (int i = 0; i < prefix.length(); i++) {
            buffer[length++] = (byte) prefix.charAt(i);
        }
        buffer[length++] = (byte) ':';
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

    /** This thread's scratch buffer, grown (keeping its contents) to hold at least {@code needed} bytes. */
    private static byte[] room(int needed) {
        byte[][] scratch = SCRATCH.get();
        if (needed > scratch[0].length) {
            scratch[0] = java.util.Arrays.copyOf(scratch[0], Math.max(needed, scratch[0].length * 2));
        }
        return scratch[0];
    }

    private static String digest(int length) {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        digest.update(SCRATCH.get()[0], 0, length);
        return HexFormat.of().formatHex(digest.digest());
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
