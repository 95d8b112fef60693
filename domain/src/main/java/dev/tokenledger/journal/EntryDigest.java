package dev.tokenledger.journal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The journal's hash chain (README "Tamper evidence"): every entry's canonical content is hashed with SHA-256, and
 * chained to the entry before it in event-store order: chain(n) = SHA-256(chain(n-1) + ":" + content(n)), starting
 * from {@link #GENESIS}. Canonical content: fixed field order, one field per line, amounts as plain decimal strings
 * in the currency's major unit, dimensions in a fixed order, text escaped so no field can imitate another.
 */
public final class EntryDigest {

    /** The chain value before the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private EntryDigest() {
    }

    public static String canonical(PostedEntry entry) {
        StringBuilder text = new StringBuilder(256);
        field(text, "entry", entry.entryId());
        field(text, "kind", entry.kind().name());
        field(text, "effective", entry.effectiveDate().toString());
        field(text, "posting", entry.postingDate().toString());
        field(text, "priorPeriod", Boolean.toString(entry.priorPeriod()));
        field(text, "memo", entry.memo());
        field(text, "reason", entry.reason());
        field(text, "policy", entry.policyVersion());
        field(text, "reverses", entry.reversesEntryId());
        for (JournalLine line : entry.lines()) {
            Dimensions d = line.dimensions();
            text.append("line=").append(escape(line.accountCode())).append('|').append(line.side().name()).append('|')
                    .append(line.amount().amount().toPlainString()).append('|')
                    .append(line.amount().currency().getCurrencyCode()).append('|').append(escape(d.customer()))
                    .append('|').append(escape(d.contract())).append('|').append(escape(d.creditPool())).append('|')
                    .append(escape(d.model())).append('|').append(escape(d.feature())).append('|')
                    .append(escape(d.product())).append('\n');
        }
        return text.toString();
    }

    /** SHA-256 of the entry's canonical content, in hex. */
    public static String contentHash(PostedEntry entry) {
        return sha256(canonical(entry));
    }

    /** The chain value after an entry with {@code contentHash}, following {@code previous}. */
    public static String chain(String previous, String contentHash) {
        return sha256(previous + ":" + contentHash);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void field(StringBuilder text, String name, String value) {
        text.append(name).append('=').append(escape(value)).append('\n');
    }

    /** Absent values are "~"; backslash, line breaks, '|' and '~' are escaped, so fields never run into each other. */
    private static String escape(String value) {
        if (value == null) {
            return "~";
        }
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("|", "\\|").replace("~", "\\~");
    }
}
