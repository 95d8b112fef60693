package dev.tokenledger.adapters.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenledger.adapters.projections.ProjectionMonitor;
import dev.tokenledger.adapters.projections.ProjectionMonitor.ReadPosition;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.io.IOException;
import java.util.Set;

/**
 * Reports that say what they are. Every GET of the API runs in one read-only, repeatable-read transaction, so a
 * report's rows and the position of the projections it reads come from one snapshot; the response then names that
 * position: headers on every read ({@code X-Ledger-Event-Position}, {@code X-Ledger-Head-Position},
 * {@code X-Ledger-Complete}), and a {@code readPosition} field on every report object. A report read while the
 * projections are behind, rebuilding, failing or missing an excluded event says {@code complete: false}; the trial
 * balance then claims nothing about being balanced (ARCHITECTURE.md, "How an event reaches the reports").
 */
public final class ConsistentReads {

    public static final String ATTRIBUTE = ConsistentReads.class.getName() + ".position";

    private ConsistentReads() {
    }

    /** The position of the read models the current request reads, once known. */
    public static ReadPosition of(HttpServletRequest request) {
        return (ReadPosition) request.getAttribute(ATTRIBUTE);
    }

    @Component
    @Order(0) // after authentication: unauthenticated requests never open a transaction
    public static class Filter extends OncePerRequestFilter {

        private final TransactionTemplate snapshot;
        private final ProjectionMonitor monitor;

        public Filter(PlatformTransactionManager transactions, ProjectionMonitor monitor) {
            this.snapshot = new TransactionTemplate(transactions);
            snapshot.setReadOnly(true);
            snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
            this.monitor = monitor;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !"GET".equals(request.getMethod()) || !request.getRequestURI().startsWith("/api/v1/");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            try {
                snapshot.executeWithoutResult(status -> {
                    ReadPosition position = monitor.readPosition();
                    request.setAttribute(ATTRIBUTE, position);
                    response.setHeader("X-Ledger-Event-Position", Long.toString(position.position()));
                    response.setHeader("X-Ledger-Head-Position", Long.toString(position.head()));
                    response.setHeader("X-Ledger-Complete", Boolean.toString(position.complete()));
                    try {
                        chain.doFilter(request, response);
                    } catch (IOException | ServletException e) {
                        throw new FilterFailure(e);
                    }
                });
            } catch (FilterFailure failure) {
                if (failure.getCause() instanceof IOException io) {
                    throw io;
                }
                throw (ServletException) failure.getCause();
            }
        }

        private static final class FilterFailure extends RuntimeException {
            FilterFailure(Exception cause) {
                super(cause);
            }
        }
    }

    /** Adds {@code readPosition} to every JSON object a report endpoint returns. */
    @ControllerAdvice
    public static class Field implements ResponseBodyAdvice<Object> {

        private static final Set<String> PREFIXES = Set.of("/api/v1/reports/", "/api/v1/customers/", "/api/v1/audit-trail/",
                "/api/v1/usage/postings", "/api/v1/metrics/", "/api/v1/contracts");
        private final ObjectMapper json;

        public Field(ObjectMapper json) {
            this.json = json;
        }

        @Override
        public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
            return true;
        }

        @Override
        public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                      Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                      ServerHttpResponse response) {
            if (body == null || !(request instanceof ServletServerHttpRequest servlet)
                    || !MediaType.APPLICATION_JSON.isCompatibleWith(contentType)
                    || body instanceof org.springframework.http.ProblemDetail) {
                return body;
            }
            ReadPosition position = of(servlet.getServletRequest());
            String path = servlet.getServletRequest().getRequestURI();
            if (position == null || PREFIXES.stream().noneMatch(path::startsWith)) {
                return body;
            }
            if (json.valueToTree(body) instanceof ObjectNode node) {
                node.set("readPosition", json.valueToTree(position));
                if (!position.complete() && node.has("balanced")) {
                    // a partial view claims nothing about being balanced
                    node.remove("balanced");
                }
                return node;
            }
            return body;
        }
    }
}
