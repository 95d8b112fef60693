package dev.tokenledger.adapters.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Imports a CSV or JSON-lines file of usage records through the same exactly-once ingestion as the HTTP API, in
 * batches, with a progress bar and a summary. A file can be imported again after a crash: what was committed is
 * counted as duplicates, the rest is ingested.
 */
@Component
public class UsageFileImport {

    /** CSV columns and the record fields they fill (snake_case or camelCase headers). */
    private static final Map<String, String> CSV_COLUMNS = new HashMap<>();

    static {
        for (String field : UsageJson.FIELDS) {
            if (field.equals("units")) {
                continue;
            }
            CSV_COLUMNS.put(field.toLowerCase(Locale.ROOT), field);
            CSV_COLUMNS.put(field.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT), field);
        }
        CSV_COLUMNS.put("customer", "customerId");
    }

    private final UsageIngestion ingestion;
    private final UsageRecordParser parser;
    private final ObjectMapper json = new ObjectMapper();

    public UsageFileImport(UsageIngestion ingestion, @Value("${ledger.reporting-zone:UTC}") String reportingZone) {
        this.ingestion = ingestion;
        this.parser = new UsageRecordParser(ZoneId.of(reportingZone));
    }

    /**
     * @param batchesAssumedNew   batches ingested without looking their ids up first ({@link KeyLookAhead})
     * @param batchesRunTwice     of those, the ones that met ids already held: when the usage ledger held them, the
     *                            batch's first transaction failed on the key table and it ran again with the look-up
     *                            (a repeat within the batch counts too)
     */
    public record Summary(long lines, long accepted, long duplicates, long rejected, long postings, Duration elapsed,
                          Path rejectionsFile, long batchesAssumedNew, long batchesRunTwice) {
        public double recordsPerSecond() {
            return elapsed.toMillis() == 0 ? 0 : lines * 1000.0 / elapsed.toMillis();
        }
    }

    /** Receives each committed batch's result (the benchmark measures lag with it). */
    public interface BatchListener {
        void committed(UsageIngestion.BatchResult result);
    }

    public Summary importFile(Path file, int batchSize, PrintStream out, boolean progressBar, BatchListener listener)
            throws IOException, InterruptedException {
        return importFile(file, batchSize, 1, out, progressBar, listener);
    }

    /**
     * @param workers batches are split by customer into this many parts, ingested side by side (each in its own
     *                transaction; a customer's records always go to the same part, so parts never wait on each
     *                other's wallets)
     */
    public Summary importFile(Path file, int batchSize, int workers, PrintStream out, boolean progressBar,
                              BatchListener listener) throws IOException, InterruptedException {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, workers));
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean csv = name.endsWith(".csv");
        if (!csv && !name.endsWith(".jsonl") && !name.endsWith(".ndjson") && !name.endsWith(".json")) {
            throw new IllegalArgumentException("the file must be .csv, .jsonl or .ndjson");
        }
        long start = System.nanoTime();
        Path rejectionsFile = file.resolveSibling(file.getFileName() + ".rejections.csv");
        // a hand-over, not a buffer: the reader parses the next batch while this one is ingested (a batch takes it
        // a fifth of the ingestion's time) and waits with it; every batch parked in a queue stayed alive through
        // young collections, which copied it: with two parked, the collector took a third of the import's JVM time
        // (BENCHMARKS.md, "Where the JVM's time goes, by thread")
        BlockingQueue<ReadBatch> batches = new SynchronousQueue<>();
        ReadBatch end = new ReadBatch(List.of(), Map.of(), true);
        KeyLookAhead lookAhead = new KeyLookAhead(ingestion.keyTableHoldsEveryId());
        AtomicReference<Exception> readFailure = new AtomicReference<>();
        AtomicBoolean abandoned = new AtomicBoolean();
        long size = Files.size(file);
        // the bar follows the bytes read from the file; it closes when the file does
        ProgressBarBuilder bar = progressBar ? new ProgressBarBuilder().setTaskName("usage").setInitialMax(size)
                .setUnit(" MiB", 1 << 20).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).showSpeed() : null;
        // reading and parsing run beside ingestion, one or two batches ahead
        Thread reader = Thread.ofPlatform().name("usage-import-reader").start(() -> {
            try (InputStream in = Files.newInputStream(file);
                 Reader text = new BufferedReader(new InputStreamReader(bar == null ? in : ProgressBar.wrap(in, bar), StandardCharsets.UTF_8), 1 << 20)) {
                if (csv) {
                    readCsv(text, batchSize, batches, lookAhead);
                } else {
                    readJsonLines(text, batchSize, batches, lookAhead);
                }
            } catch (Exception e) {
                readFailure.set(e);
            } finally {
                try { // the end mark, unless the import gave up waiting for batches
                    while (!abandoned.get() && !batches.offer(end, 100, TimeUnit.MILLISECONDS)) {
                        // the import is still ingesting the last batch
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        long lines = 0;
        long accepted = 0;
        long duplicates = 0;
        long rejected = 0;
        long postings = 0;
        try (Writer w = Files.newBufferedWriter(rejectionsFile);
             CSVPrinter rejections = new CSVPrinter(w, CSVFormat.DEFAULT.builder()
                     .setHeader("line", "id", "code", "field", "detail").get())) {
            while (true) {
                ReadBatch batch = batches.take();
                if (batch == end) {
                    break;
                }
                List<UsageIngestion.BatchResult> results = ingestInParallel(batch.records(), batch.known(), workers, pool);
                lookAhead.committed(batch.lookedUp(), results);
                for (UsageIngestion.BatchResult result : results) {
                    lines += result.received();
                    accepted += result.accepted();
                    duplicates += result.duplicates();
                    rejected += result.rejected().size();
                    postings += result.postings().size();
                    for (UsageIngestion.Rejection r : result.rejected()) {
                        rejections.printRecord(r.position(), r.id(), r.code(), r.field(), r.detail());
                    }
                    if (listener != null) {
                        listener.committed(result);
                    }
                }
            }
        } catch (RuntimeException | IOException | InterruptedException e) {
            abandoned.set(true);
            reader.interrupt(); // it may be waiting to hand over a batch nobody will take
            throw e;
        } finally {
            pool.shutdownNow();
            reader.join();
        }
        if (readFailure.get() != null) {
            throw new IOException("reading " + file + " failed after " + lines + " records: " + readFailure.get().getMessage(),
                    readFailure.get());
        }
        Summary summary = new Summary(lines, accepted, duplicates, rejected, postings,
                Duration.ofNanos(System.nanoTime() - start), rejectionsFile, lookAhead.skipped(), lookAhead.missed());
        if (rejected == 0) {
            Files.deleteIfExists(rejectionsFile);
        }
        print(summary, out);
        return summary;
    }

    private List<UsageIngestion.BatchResult> ingestInParallel(List<UsageRecordParser.Parsed> batch,
                                                              Map<String, Long> known, int workers,
                                                              java.util.concurrent.ExecutorService pool)
            throws InterruptedException {
        if (workers <= 1) {
            return List.of(ingestion.ingest(batch, known));
        }
        List<List<UsageRecordParser.Parsed>> parts = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            parts.add(new ArrayList<>());
        }
        for (UsageRecordParser.Parsed p : batch) {
            String customer = p.record() == null ? "" : p.record().customerId();
            parts.get(Math.floorMod(customer.hashCode(), workers)).add(p);
        }
        List<java.util.concurrent.Future<UsageIngestion.BatchResult>> running = new ArrayList<>();
        for (List<UsageRecordParser.Parsed> part : parts) {
            if (!part.isEmpty()) {
                running.add(pool.submit(() -> ingestion.ingest(part, known)));
            }
        }
        List<UsageIngestion.BatchResult> results = new ArrayList<>();
        RuntimeException failure = null;
        for (var future : running) {
            try {
                results.add(future.get());
            } catch (java.util.concurrent.ExecutionException e) {
                failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    private static void print(Summary s, PrintStream out) throws IOException {
        out.printf("[import] records read:  %,d%n", s.lines());
        out.printf("[import] accepted:      %,d%n", s.accepted());
        out.printf("[import] duplicates:    %,d (already in the usage ledger with the same content; nothing changed)%n", s.duplicates());
        out.printf("[import] rejected:      %,d%n", s.rejected());
        out.printf("[import] postings:      %,d journal entries%n", s.postings());
        out.printf("[import] look-ups:      %,d batches assumed new (ids not looked up first), %,d of those met ids already held%n",
                s.batchesAssumedNew(), s.batchesRunTwice());
        out.printf("[import] elapsed:       %.1f s (%,.0f records/s)%n", s.elapsed().toMillis() / 1000.0, s.recordsPerSecond());
        if (s.rejected() > 0) {
            out.println("[import] rejections (line, id, code, field, detail) are in " + s.rejectionsFile() + "; the first ones:");
            try (BufferedReader r = Files.newBufferedReader(s.rejectionsFile())) {
                r.lines().skip(1).limit(20).forEach(line -> out.println("[import]   " + line));
            }
        }
    }

    /**
     * A batch as read and parsed, with the fingerprints its ids already have in the usage ledger, or none when it was
     * not looked up ({@code lookedUp} false: assumed new, see {@link KeyLookAhead}).
     */
    private record ReadBatch(List<UsageRecordParser.Parsed> records, Map<String, Long> known, boolean lookedUp) {
    }

    /**
     * Looks the batch's ids up in the usage ledger here, beside the ingestion, so that its transaction does not wait
     * for it. A record committed after this look-up is still caught: its key makes the batch's COPY fail, and the
     * batch runs again with the look-up inside its transaction. The same holds when the look-up is skipped.
     */
    private void handOver(BlockingQueue<ReadBatch> batches, List<UsageRecordParser.Parsed> batch, KeyLookAhead lookAhead)
            throws InterruptedException {
        if (!lookAhead.lookUpNext()) {
            batches.put(new ReadBatch(batch, Map.of(), false));
            return;
        }
        List<String> ids = new ArrayList<>(batch.size());
        for (UsageRecordParser.Parsed p : batch) {
            if (p.record() != null) {
                ids.add(p.record().recordId());
            }
        }
        batches.put(new ReadBatch(batch, ingestion.knownFingerprints(ids), true));
    }

    private void readCsv(Reader text, int batchSize, BlockingQueue<ReadBatch> batches, KeyLookAhead lookAhead)
            throws IOException, InterruptedException {
        try (CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get().parse(text)) {
            List<String> headers = csv.getHeaderNames();
            Map<String, Integer> column = new HashMap<>();
            Map<String, Integer> unitColumns = new HashMap<>();
            for (int i = 0; i < headers.size(); i++) {
                String h = headers.get(i).strip();
                if (h.toLowerCase(Locale.ROOT).startsWith("units.")) {
                    unitColumns.put(h.substring("units.".length()), i);
                } else if (CSV_COLUMNS.containsKey(h.toLowerCase(Locale.ROOT))) {
                    column.put(CSV_COLUMNS.get(h.toLowerCase(Locale.ROOT)), i);
                } else {
                    throw new IllegalArgumentException("unknown CSV column '" + h + "'; known: id, customer_id, end_user_id, "
                            + "timestamp, model, feature, provider, input_tokens, output_tokens, cached_tokens, metadata, units.<unit>");
                }
            }
            List<UsageRecordParser.Parsed> batch = new ArrayList<>(batchSize);
            // one table per column: the few models, features and providers stay in a small, hot table instead of
            // sharing one with thousands of end users (BENCHMARKS.md, "Fewer passes over a batch's records")
            SharedText customers = new SharedText();
            SharedText endUsers = new SharedText();
            SharedText models = new SharedText();
            SharedText features = new SharedText();
            SharedText providers = new SharedText();
            int id = column.getOrDefault("id", -1);
            int customerId = column.getOrDefault("customerId", -1);
            int endUserId = column.getOrDefault("endUserId", -1);
            int timestamp = column.getOrDefault("timestamp", -1);
            int model = column.getOrDefault("model", -1);
            int feature = column.getOrDefault("feature", -1);
            int provider = column.getOrDefault("provider", -1);
            int inputTokens = column.getOrDefault("inputTokens", -1);
            int outputTokens = column.getOrDefault("outputTokens", -1);
            int cachedTokens = column.getOrDefault("cachedTokens", -1);
            int metadata = column.getOrDefault("metadata", -1);
            for (CSVRecord r : csv) {
                long line = r.getRecordNumber() + 1; // the header is line 1
                Map<String, String> units = null;
                if (!unitColumns.isEmpty()) {
                    units = new HashMap<>();
                    for (var u : unitColumns.entrySet()) {
                        String v = u.getValue() < r.size() ? r.get(u.getValue()) : null;
                        if (v != null && !v.isBlank()) {
                            units.put(u.getKey(), v);
                        }
                    }
                }
                batch.add(parser.parse(new RawUsage(line, get(r, id), customers.of(get(r, customerId)),
                        endUsers.of(get(r, endUserId)), get(r, timestamp), models.of(get(r, model)),
                        features.of(get(r, feature)), providers.of(get(r, provider)), get(r, inputTokens),
                        get(r, outputTokens), get(r, cachedTokens), units, get(r, metadata))));
                if (batch.size() == batchSize) {
                    handOver(batches, batch, lookAhead);
                    batch = new ArrayList<>(batchSize);
                }
            }
            if (!batch.isEmpty()) {
                handOver(batches, batch, lookAhead);
            }
        }
    }

    /**
     * One instance of each repeated dimension value (customer, end user, model, feature, provider) among the records
     * read: a batch's records stay alive until it commits, and a copy of each value per record was most of their
     * size. Bounded, so a file of a million distinct end users does not grow it without end.
     */
    static final class SharedText {
        private static final int MAX_VALUES = 50_000;
        private final Map<String, String> values = new HashMap<>();

        String of(String text) {
            if (text == null) {
                return null;
            }
            String known = values.putIfAbsent(text, text);
            if (known != null) {
                return known;
            }
            if (values.size() > MAX_VALUES) {
                values.clear();
            }
            return text;
        }

        int size() {
            return values.size();
        }
    }

    /** The value in column {@code i} (-1: the file has no such column), null when the line is shorter. */
    private static String get(CSVRecord r, int i) {
        return i < 0 || i >= r.size() ? null : r.get(i);
    }

    private void readJsonLines(Reader text, int batchSize, BlockingQueue<ReadBatch> batches, KeyLookAhead lookAhead)
            throws IOException, InterruptedException {
        BufferedReader lines = new BufferedReader(text);
        List<UsageRecordParser.Parsed> batch = new ArrayList<>(batchSize);
        long lineNo = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            UsageRecordParser.Parsed parsed;
            try {
                JsonNode node = json.readTree(line);
                UsageJson.Read read = node != null && node.has("specversion")
                        ? UsageJson.cloudEvent(lineNo, node) : UsageJson.record(lineNo, node);
                parsed = read.rejection() != null ? new UsageRecordParser.Parsed(lineNo, null, null, null, read.rejection())
                        : parser.parse(read.raw());
            } catch (IOException e) {
                parsed = new UsageRecordParser.Parsed(lineNo, null, null, null, new UsageIngestion.Rejection(lineNo, null,
                        "MALFORMED_JSON", "", "line " + lineNo + " is not a JSON object: " + e.getMessage()));
            }
            batch.add(parsed);
            if (batch.size() == batchSize) {
                handOver(batches, batch, lookAhead);
                batch = new ArrayList<>(batchSize);
            }
        }
        if (!batch.isEmpty()) {
            handOver(batches, batch, lookAhead);
        }
    }
}
