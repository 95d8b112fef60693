package dev.tokenledger.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenledger.adapters.projections.ProjectionMonitor;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;

/** A thin HTTP client for tests: JSON in, status and parsed JSON out, as a given user. */
public final class LedgerHttp {

    public static final ObjectMapper JSON = new ObjectMapper();
    private final TestRestTemplate rest;
    private final ProjectionMonitor monitor;

    public LedgerHttp(TestRestTemplate rest, ProjectionMonitor monitor) {
        this.rest = rest;
        this.monitor = monitor;
    }

    public record Reply(int status, JsonNode body, HttpHeaders headers) {
        public String text(String pointer) {
            return body.at(pointer).asText();
        }
    }

    public Reply post(String user, String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return exchange(user, HttpMethod.POST, path, new HttpEntity<>(json, headers));
    }

    public Reply get(String user, String path) {
        return exchange(user, HttpMethod.GET, path, HttpEntity.EMPTY);
    }

    /** A binary body (a zip), after the projections caught up; fails on anything but 200. */
    public byte[] bytes(String user, String path) {
        awaitProjections();
        var response = rest.withBasicAuth(user, user + "-secret").getForEntity(path, byte[].class);
        if (response.getStatusCode().value() != 200) {
            throw new AssertionError(path + " answered " + response.getStatusCode());
        }
        return response.getBody();
    }

    /** A text body (an export), after the projections caught up; fails on anything but 200. */
    public String text(String user, String path) {
        awaitProjections();
        var response = rest.withBasicAuth(user, user + "-secret").getForEntity(path, String.class);
        if (response.getStatusCode().value() != 200) {
            throw new AssertionError(path + " answered " + response.getStatusCode() + ": " + response.getBody());
        }
        return response.getBody();
    }

    /** Reads after waiting for the projections to process everything written so far. */
    public Reply getConsistent(String user, String path) {
        awaitProjections();
        return get(user, path);
    }

    public void awaitProjections() {
        try {
            monitor.awaitCaughtUp(Duration.ofSeconds(60));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Reply exchange(String user, HttpMethod method, String path, HttpEntity<?> entity) {
        TestRestTemplate client = user == null ? rest : rest.withBasicAuth(user, user + "-secret");
        ResponseEntity<String> response = client.exchange(path, method, entity, String.class);
        try {
            JsonNode body = response.getBody() == null ? JSON.nullNode() : JSON.readTree(response.getBody());
            return new Reply(response.getStatusCode().value(), body, response.getHeaders());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    /** A two-line entry; amounts are strings so tests never go through floating point. */
    public static String entry(String id, String date, String currency, String debitAccount, String creditAccount,
                               String amount) {
        return """
                {"entryId":"%s","effectiveDate":"%s","memo":"test","reason":"test entry","lines":[
                  {"account":"%s","side":"DEBIT","amount":"%s","currency":"%s","dimensions":{"customer":"cust-1"}},
                  {"account":"%s","side":"CREDIT","amount":"%s","currency":"%s","dimensions":{"customer":"cust-1"}}]}
                """.formatted(id, date, debitAccount, amount, currency, creditAccount, amount, currency);
    }
}
