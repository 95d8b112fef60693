package dev.tokenledger.adapters;

import dev.tokenledger.adapters.projections.ProjectionMonitor;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ERP journal files (README "ERP journal files"), column by column against each ERP's documented import layout;
 * a repeat is marked, a correction goes as a delta, every line traces to its entries.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErpExportTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresSchema.register(registry, "it_erp");
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProjectionMonitor monitor;

    @Test
    void eachErpGetsItsLayoutAndResendingIsRecognised() throws Exception {
        LedgerHttp http = new LedgerHttp(rest, monitor);
        post(http, "s1", "2026-03-03", "1100", "4000", "120.00", "acme");
        post(http, "s2", "2026-03-09", "1100", "4000", "80.50", "bolt");
        post(http, "s3", "2026-03-20", "1000", "1100", "120.00", "acme");
        post(http, "c1", "2026-03-31", "5000", "2100", "33.10", "acme");
        http.awaitProjections();

        // NetSuite: External ID, Date, Currency, Memo, Account, Debit, Credit, Line Memo, Department, Class, Location
        Map<String, String> netsuite = files(rest.withBasicAuth("auditor", "auditor-secret")
                .getForEntity("/api/v1/exports/erp/netsuite?period=2026-03&dimensions=customer", byte[].class).getBody());
        List<CSVRecord> ns = csv(netsuite.get("netsuite-2026-03-USD-PREVIEW.csv"));
        assertThat(ns.get(0).getParser().getHeaderNames()).containsExactly("External ID", "Date", "Currency", "Memo",
                "Account", "Debit", "Credit", "Line Memo", "Department", "Class", "Location");
        assertThat(ns).allSatisfy(r -> {
            assertThat(r.get("External ID")).isEqualTo("TL-2026-03-USD");
            assertThat(r.get("Date")).isEqualTo("03/31/2026");
            assertThat(r.get("Account")).matches("\\d{4}-00");
        });
        assertThat(ns).anySatisfy(r -> {
            assertThat(r.get("Account")).isEqualTo("1100-00");
            assertThat(r.get("Department")).isEqualTo("bolt");
            assertThat(r.get("Debit")).isEqualTo("80.50");
        });
        assertThat(sum(ns, "Debit")).isEqualByComparingTo(sum(ns, "Credit"));
        // the trace: every GL line of the period with the summary line it is part of
        List<CSVRecord> trace = csv(netsuite.get("netsuite-2026-03-USD-PREVIEW-trace.csv"));
        assertThat(trace).hasSize(8);
        assertThat(trace).extracting(r -> r.get("entry_id")).contains("s1", "s2", "s3", "c1");

        // QuickBooks Online: Journal No., Journal Date, Account Name, Debits, Credits, Description, Name, Memo
        Map<String, String> qbo = files(post("/api/v1/exports/erp/quickbooks-online?period=2026-03&dimensions=customer"));
        List<CSVRecord> first = csv(qbo.get("quickbooks_online-2026-03-USD.csv"));
        assertThat(first.get(0).getParser().getHeaderNames()).containsExactly("Journal No.", "Journal Date", "Account Name",
                "Debits", "Credits", "Description", "Name", "Memo");
        assertThat(first).anySatisfy(r -> {
            assertThat(r.get("Account Name")).isEqualTo("Accounts receivable");
            assertThat(r.get("Name")).isEqualTo("bolt");
            assertThat(r.get("Journal Date")).isEqualTo("03/31/2026");
        });
        // sent again unchanged: marked as a repeat
        Map<String, String> again = files(post("/api/v1/exports/erp/quickbooks-online?period=2026-03&dimensions=customer"));
        assertThat(again).containsKey("quickbooks_online-2026-03-USD-2-REPEAT.csv");
        assertThat(again.get("README.txt")).contains("REPEAT").contains("do not import it again");
        // a correction in March after it was sent: only the difference goes, as file 3
        post(http, "s4", "2026-03-25", "1100", "4000", "10.00", "bolt");
        http.awaitProjections();
        Map<String, String> delta = files(post("/api/v1/exports/erp/quickbooks-online?period=2026-03&dimensions=customer"));
        List<CSVRecord> d = csv(delta.get("quickbooks_online-2026-03-USD-3.csv"));
        assertThat(d).hasSize(2);
        assertThat(d).allSatisfy(r -> assertThat(r.get("Journal No.")).isEqualTo("TL-2026-03-USD-3"));
        assertThat(d).anySatisfy(r -> {
            assertThat(r.get("Account Name")).isEqualTo("Accounts receivable");
            assertThat(r.get("Debits")).isEqualTo("10.00");
        });
        assertThat(http.getConsistent("auditor", "/api/v1/exports/erp-log?erp=quickbooks-online").body().findValuesAsText("kind"))
                .containsExactly("FIRST", "REPEAT", "DELTA");

        // Xero: Narration, Date, Description, AccountCode, TaxRate, Amount, tracking; amounts signed, summing to zero
        Map<String, String> xero = files(post("/api/v1/exports/erp/xero?period=2026-03&dimensions=customer"));
        List<CSVRecord> x = csv(xero.get("xero-2026-03-USD.csv"));
        assertThat(x.get(0).getParser().getHeaderNames()).containsExactly("Narration", "Date", "Description", "AccountCode",
                "TaxRate", "Amount", "TrackingName1", "TrackingOption1", "TrackingName2", "TrackingOption2");
        assertThat(x).allSatisfy(r -> {
            assertThat(r.get("Date")).isEqualTo("31/03/2026");
            assertThat(r.get("TaxRate")).isEqualTo("Tax Exempt");
            assertThat(r.get("TrackingName1")).isEqualTo("customer");
        });
        assertThat(x.stream().map(r -> new BigDecimal(r.get("Amount"))).reduce(BigDecimal.ZERO, BigDecimal::add)).isZero();

        var refused = rest.withBasicAuth("ingest", "ingest-secret").postForEntity(
                "/api/v1/exports/erp/xero?period=2026-03", null, String.class);
        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        var bad = rest.withBasicAuth("auditor", "auditor-secret")
                .getForEntity("/api/v1/exports/erp/sap?period=2026-03", String.class);
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
    }

    private byte[] post(String path) {
        var response = rest.withBasicAuth("accountant", "accountant-secret").postForEntity(path, null, byte[].class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        return response.getBody();
    }

    private static void post(LedgerHttp http, String id, String date, String debit, String credit, String amount, String customer) {
        var reply = http.post("accountant", "/api/v1/journal-entries",
                LedgerHttp.entry(id, date, "USD", debit, credit, amount).replace("cust-1", customer));
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
    }

    static Map<String, String> files(byte[] zip) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    static List<CSVRecord> csv(String text) throws Exception {
        assertThat(text).as("file present").isNotNull();
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text)).getRecords();
    }

    private static BigDecimal sum(List<CSVRecord> rows, String column) {
        return rows.stream().map(r -> r.get(column).isEmpty() ? BigDecimal.ZERO : new BigDecimal(r.get(column)))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
