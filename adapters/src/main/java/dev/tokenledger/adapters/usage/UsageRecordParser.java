package dev.tokenledger.adapters.usage;

import dev.tokenledger.kernel.InputFingerprint;
import dev.tokenledger.kernel.Limits;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.usage.UsageRecord;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Checks a raw record's shape and turns it into a {@link UsageRecord}, or names what is wrong with it. */
public final class UsageRecordParser {

    private static final Pattern RECORD_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}");
    private static final Pattern NAME = Limits.NAME;
    private static final Pattern UNIT = Limits.UNIT;
    private static final long MAX_QUANTITY = Limits.MAX_QUANTITY;
    private static final int MAX_METADATA_CHARS = 4096;
    /**
     * Usage timestamps lie a day inside the ledger's date range, so that their date in any reporting time zone (up to
     * 18 hours from UTC) is a date the ledger accepts.
     */
    private static final Instant EARLIEST = Limits.EARLIEST_DATE.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    private static final Instant LATEST = Limits.LATEST_DATE.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();

    private final ZoneId reportingZone;
    /**
     * Reporting days already worked out, by UTC day (mod 64). A record's date is then one instance shared by the
     * records of its day instead of one object per record: the ingestion reads each record's date several times
     * (pricing, posting, blocks, daily totals), long after the record was parsed, and a date object of its own was a
     * fetch from memory each time; pricing's first look at it was a third of its time in a JFR profile of the usage
     * benchmark (BENCHMARKS.md, "Fewer passes over a batch's records"). Entries are immutable, so threads sharing a
     * parser at most work a day out twice.
     */
    private final ReportingDay[] days = new ReportingDay[64];

    /** The instants [from, until) (epoch seconds: zone offsets are whole seconds) of a reporting day. */
    private record ReportingDay(long fromSecond, long untilSecond, LocalDate date) {
    }

    public UsageRecordParser(ZoneId reportingZone) {
        this.reportingZone = reportingZone;
    }

    /** The date of {@code t} in the reporting time zone. */
    LocalDate reportingDate(Instant t) {
        long second = t.getEpochSecond();
        int slot = (int) (Math.floorDiv(second, 86_400L) & (days.length - 1));
        ReportingDay day = days[slot];
        if (day != null && second >= day.fromSecond() && second < day.untilSecond()) {
            return day.date();
        }
        LocalDate date = t.atZone(reportingZone).toLocalDate();
        days[slot] = new ReportingDay(date.atStartOfDay(reportingZone).toEpochSecond(),
                date.plusDays(1).atStartOfDay(reportingZone).toEpochSecond(), date);
        return date;
    }

    /** A parsed record (with what is stored beside it), or the rejection of the raw one. */
    public record Parsed(long position, UsageRecord record, String otherUnitsText, String metadata,
                         UsageIngestion.Rejection rejection) {
    }

    public Parsed parse(RawUsage raw) {
        String id = trim(raw.id());
        if (id == null || !(conforms(id, 128, "._:/@-") || RECORD_ID.matcher(id).matches())) {
            return reject(raw, id, RejectionCode.REQUEST_ID_INVALID, "id",
                    "give the producer's record id: 1-128 letters, digits or . _ : / @ -");
        }
        String customer = trim(raw.customerId());
        if (customer == null) {
            return reject(raw, id, RejectionCode.USAGE_FIELD_REQUIRED, "customerId", "give the customer");
        }
        if (!(conforms(customer, 80, "._-") || Limits.CLIENT_ID.matcher(customer).matches())) {
            return reject(raw, id, RejectionCode.DIMENSION_INVALID, "customerId",
                    "1-80 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        Instant occurredAt;
        String ts = trim(raw.timestamp());
        try {
            if (ts == null) {
                return reject(raw, id, RejectionCode.USAGE_TIMESTAMP_INVALID, "timestamp", "give when the usage happened");
            }
            occurredAt = Timestamps.parse(ts);
        } catch (java.time.DateTimeException e) {
            return reject(raw, id, RejectionCode.USAGE_TIMESTAMP_INVALID, "timestamp",
                    "'" + raw.timestamp() + "' is not ISO-8601 with an offset, e.g. 2026-03-02T10:15:00Z");
        }
        if (occurredAt.isBefore(EARLIEST) || !occurredAt.isBefore(LATEST)) {
            return reject(raw, id, RejectionCode.DATE_OUT_OF_RANGE, "timestamp", "usage lies from " + EARLIEST
                    + " to before " + LATEST + ", got " + raw.timestamp());
        }
        String model = trim(raw.model());
        if (model == null) {
            return reject(raw, id, RejectionCode.USAGE_FIELD_REQUIRED, "model", "give the model used");
        }
        String feature = trim(raw.feature());
        String provider = trim(raw.provider());
        String endUser = trim(raw.endUserId());
        String badName = !isName(model) ? "model" : !isName(feature) ? "feature" : !isName(provider) ? "provider"
                : !isName(endUser) ? "endUserId" : null;
        if (badName != null) {
            return reject(raw, id, RejectionCode.DIMENSION_INVALID, badName, "1-80 letters, digits, spaces or . _ : / @ -");
        }
        Map<String, Long> quantities = new TreeMap<>();
        Long input = quantity(raw.inputTokens());
        Long output = quantity(raw.outputTokens());
        Long cached = quantity(raw.cachedTokens());
        if (input == null || output == null || cached == null) {
            String field = input == null ? "inputTokens" : output == null ? "outputTokens" : "cachedTokens";
            String text = input == null ? raw.inputTokens() : output == null ? raw.outputTokens() : raw.cachedTokens();
            return reject(raw, id, RejectionCode.USAGE_QUANTITY_INVALID, field, "'" + text + "' is not a whole number from 0 to 10^12");
        }
        quantities.put(UsageRecord.INPUT_TOKENS, input);
        quantities.put(UsageRecord.OUTPUT_TOKENS, output);
        quantities.put(UsageRecord.CACHED_TOKENS, cached);
        StringBuilder otherUnits = new StringBuilder();
        if (raw.otherUnits() != null && raw.otherUnits().size() + 3 > Limits.MAX_UNITS_PER_RECORD) {
            return reject(raw, id, RejectionCode.USAGE_QUANTITY_INVALID, "units", "at most "
                    + (Limits.MAX_UNITS_PER_RECORD - 3) + " units beside the three token counts");
        }
        if (raw.otherUnits() != null) {
            for (Map.Entry<String, String> u : new TreeMap<>(raw.otherUnits()).entrySet()) {
                if (!UNIT.matcher(u.getKey()).matches() || quantities.containsKey(u.getKey())) {
                    return reject(raw, id, RejectionCode.USAGE_QUANTITY_INVALID, "units." + u.getKey(),
                            "unit names are lower_snake_case and not one of the token counts");
                }
                Long q = quantity(u.getValue());
                if (q == null) {
                    return reject(raw, id, RejectionCode.USAGE_QUANTITY_INVALID, "units." + u.getKey(),
                            "'" + u.getValue() + "' is not a whole number from 0 to 10^12");
                }
                quantities.put(u.getKey(), q);
                otherUnits.append(otherUnits.isEmpty() ? "" : ",").append(u.getKey()).append('=').append(q);
            }
        }
        if (quantities.values().stream().allMatch(q -> q == 0)) {
            return reject(raw, id, RejectionCode.USAGE_QUANTITY_INVALID, "inputTokens", "every quantity is zero");
        }
        String metadata = trim(raw.metadata());
        if (metadata != null && (metadata.length() > MAX_METADATA_CHARS || !metadata.startsWith("{"))) {
            return reject(raw, id, RejectionCode.DIMENSION_INVALID, "metadata", "a JSON object of at most 4096 characters");
        }
        // the stored fingerprints' form: Instant.toString() and the sorted map's toString(), built without formatting
        String fingerprint = InputFingerprint.of(customer, endUser, Timestamps.canonical(ts, occurredAt), model, feature,
                provider, mapText(quantities), metadata);
        UsageRecord record = new UsageRecord(id, customer, endUser, occurredAt,
                reportingDate(occurredAt), model, feature, provider, quantities, fingerprint);
        return new Parsed(raw.position(), record, otherUnits.isEmpty() ? null : otherUnits.toString(), metadata, null);
    }

    /**
     * A quick check that {@code s} is 1 to {@code max} characters, a letter or digit first, then letters, digits or
     * the given punctuation: the common case of the patterns above, which still decide when this says no.
     */
    private static boolean conforms(String s, int max, String punctuation) {
        int n = s.length();
        if (n == 0 || n > max) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || punctuation.indexOf(c) < 0)) {
                return false;
            }
        }
        return true;
    }

    /** {@code quantities.toString()} as {@link java.util.AbstractMap#toString()} writes it: {a=1, b=2}. */
    static String mapText(Map<String, Long> quantities) {
        StringBuilder text = new StringBuilder(64).append('{');
        for (Map.Entry<String, Long> q : quantities.entrySet()) {
            if (text.length() > 1) {
                text.append(", ");
            }
            text.append(q.getKey()).append('=').append(q.getValue().longValue());
        }
        return text.append('}').toString();
    }

    /** Absent, or a name of 1-80 letters, digits, spaces or . _ : / @ - (a letter or digit first). */
    private static boolean isName(String s) {
        return s == null || conforms(s, 80, "._:/@ -") || NAME.matcher(s).matches();
    }

    private static Long quantity(String text) {
        String t = trim(text);
        if (t == null) {
            return 0L;
        }
        try {
            long q = Long.parseLong(t);
            return q < 0 || q > MAX_QUANTITY ? null : q;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    private static Parsed reject(RawUsage raw, String id, RejectionCode code, String field, String detail) {
        return new Parsed(raw.position(), null, null, null,
                new UsageIngestion.Rejection(raw.position(), id, code.name(), field, detail));
    }
}
