package dev.tokenledger.adapters.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractGenericHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CSV on every report (README "HTTP API"): {@code Accept: text/csv}, or {@code format=csv} in the query, answers any
 * JSON read as one CSV table. The table is the report's rows (its "rows" or "lines", or its first list of objects;
 * a list of periods each holding rows gives one row per period and row, with the period's own fields first); nested
 * objects become dotted columns ({@code months.2026-03}), lists of values are joined with ';'. Numbers stay the
 * decimal strings of the JSON.
 */
@Configuration
public class CsvReports implements WebMvcConfigurer {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final ObjectMapper json;

    public CsvReports(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        // last: a request that accepts anything (*/*, or no Accept header) gets JSON
        converters.add(new Converter(json));
    }

    /** {@code ?format=csv} on a GET asks for CSV, as {@code Accept: text/csv} does. */
    @Bean
    public OncePerRequestFilter csvByParameter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if ("GET".equals(request.getMethod()) && "csv".equals(request.getParameter("format"))
                        && !request.getRequestURI().startsWith("/api/v1/accounting-policies")) {
                    chain.doFilter(new HttpServletRequestWrapper(request) {
                        @Override
                        public String getHeader(String name) {
                            return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? "text/csv" : super.getHeader(name);
                        }

                        @Override
                        public Enumeration<String> getHeaders(String name) {
                            return HttpHeaders.ACCEPT.equalsIgnoreCase(name)
                                    ? Collections.enumeration(List.of("text/csv")) : super.getHeaders(name);
                        }
                    }, response);
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    static final class Converter extends AbstractGenericHttpMessageConverter<Object> {

        private final ObjectMapper json;

        Converter(ObjectMapper json) {
            super(TEXT_CSV, new MediaType("text", "csv"));
            this.json = json;
        }

        @Override
        protected boolean supports(Class<?> clazz) {
            // errors stay problem+json, whatever was asked for
            return !byte[].class.equals(clazz) && !String.class.equals(clazz)
                    && !org.springframework.core.io.Resource.class.isAssignableFrom(clazz)
                    && !org.springframework.http.ProblemDetail.class.isAssignableFrom(clazz);
        }

        @Override
        public boolean canRead(Type type, Class<?> contextClass, MediaType mediaType) {
            return false;
        }

        /** Only when CSV is asked for by name: "*&#47;*" and "text/*" mean JSON. */
        @Override
        public boolean canWrite(Type type, Class<?> clazz, MediaType mediaType) {
            if (mediaType == null) {
                return supports(clazz); // asked which types it can produce at all
            }
            return !mediaType.isWildcardType() && !mediaType.isWildcardSubtype() && TEXT_CSV.isCompatibleWith(mediaType)
                    && supports(clazz);
        }

        @Override
        public boolean canWrite(Class<?> clazz, MediaType mediaType) {
            return canWrite(null, clazz, mediaType);
        }

        @Override
        protected void writeInternal(Object body, Type type, HttpOutputMessage output) throws IOException {
            Table table = table(json.valueToTree(body));
            output.getHeaders().setContentType(TEXT_CSV);
            Writer writer = new OutputStreamWriter(output.getBody(), StandardCharsets.UTF_8);
            try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(table.columns().toArray(String[]::new)).get())) {
                for (Map<String, String> row : table.rows()) {
                    List<String> cells = new ArrayList<>();
                    for (String column : table.columns()) {
                        cells.add(row.getOrDefault(column, ""));
                    }
                    csv.printRecord(cells);
                }
            }
        }

        @Override
        protected Object readInternal(Class<?> clazz, HttpInputMessage input) {
            throw new HttpMessageNotReadableException("CSV is written, never read", input);
        }

        @Override
        public Object read(Type type, Class<?> contextClass, HttpInputMessage input) {
            throw new HttpMessageNotReadableException("CSV is written, never read", input);
        }
    }

    record Table(Set<String> columns, List<Map<String, String>> rows) {
    }

    /** The report's table: see the class comment. */
    static Table table(JsonNode body) {
        List<Map<String, String>> rows = new ArrayList<>();
        JsonNode list = body.isArray() ? body : mainList(body);
        if (list == null) {
            Map<String, String> row = new LinkedHashMap<>();
            flatten("", body, row);
            rows.add(row);
        } else {
            for (JsonNode element : list) {
                JsonNode inner = element.isObject() ? mainList(element) : null;
                if (inner != null && inner.size() > 0 && inner.get(0).isObject()) {
                    Map<String, String> parent = new LinkedHashMap<>();
                    element.fields().forEachRemaining(f -> {
                        if (!f.getValue().isArray() && !f.getValue().isObject()) {
                            flatten(f.getKey(), f.getValue(), parent);
                        }
                    });
                    for (JsonNode child : inner) {
                        Map<String, String> row = new LinkedHashMap<>(parent);
                        flatten("", child, row);
                        rows.add(row);
                    }
                } else {
                    Map<String, String> row = new LinkedHashMap<>();
                    flatten("", element, row);
                    rows.add(row);
                }
            }
        }
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(r -> columns.addAll(r.keySet()));
        if (columns.isEmpty()) {
            columns.add("empty");
        }
        return new Table(columns, rows);
    }

    private static JsonNode mainList(JsonNode object) {
        for (String name : List.of("rows", "lines", "periods", "decisions", "accounts", "problems")) {
            JsonNode candidate = object.get(name);
            if (candidate != null && candidate.isArray()) {
                return candidate;
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getValue().isArray() && f.getValue().size() > 0 && f.getValue().get(0).isObject()) {
                return f.getValue();
            }
        }
        return null;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> row) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("readPosition")) {
                    flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), row);
                }
            });
        } else if (node.isArray()) {
            List<String> values = new ArrayList<>();
            node.forEach(v -> values.add(v.isValueNode() ? v.asText() : v.toString()));
            row.put(prefix, String.join(";", values));
        } else if (!node.isNull()) {
            row.put(prefix, node.asText());
        } else {
            row.putIfAbsent(prefix, "");
        }
    }
}
