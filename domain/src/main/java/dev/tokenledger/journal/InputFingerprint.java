package dev.tokenledger.journal;

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

    /** Hashes the parts in order, each delimited so that ("ab","c") and ("a","bc") differ. */
    public static String of(Object... parts) {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        for (Object part : parts) {
            byte[] bytes = String.valueOf(canonical(part)).getBytes(StandardCharsets.UTF_8);
            digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) ':');
            digest.update(bytes);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static Object canonical(Object part) {
        // numbers compare by value, so 10.5 and 10.50 are the same request
        if (part instanceof java.math.BigDecimal decimal) {
            return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
        }
        return part;
    }
}
