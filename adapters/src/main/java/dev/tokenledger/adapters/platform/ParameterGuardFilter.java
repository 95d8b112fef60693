package dev.tokenledger.adapters.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenledger.kernel.RequestChecks;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Query parameters and path segments reach report queries and command ids: one that holds a control character (NUL
 * included, which PostgreSQL text refuses), an unpaired surrogate, or more than {@link #MAX_PARAMETER} characters is
 * refused with 400 naming it, before any handler runs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ParameterGuardFilter extends OncePerRequestFilter {

    static final int MAX_PARAMETER = 2_000;
    private final ObjectMapper json;

    public ParameterGuardFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path;
        try {
            path = URLDecoder.decode(request.getRequestURI().replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            refuse(response, "path", "the path is not validly percent-encoded");
            return;
        }
        if (!acceptable(path)) {
            refuse(response, "path", "path segments are printable text of at most " + MAX_PARAMETER + " characters");
            return;
        }
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            if (!acceptable(parameter.getKey())) {
                refuse(response, "query", "parameter names are printable text");
                return;
            }
            for (String value : parameter.getValue()) {
                if (!acceptable(value)) {
                    refuse(response, parameter.getKey(), "parameter values are printable text of at most "
                            + MAX_PARAMETER + " characters");
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean acceptable(String text) {
        return text == null || text.length() <= MAX_PARAMETER && RequestChecks.isPrintable(text);
    }

    private void refuse(HttpServletResponse response, String field, String detail) throws IOException {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ProblemResponses.problem(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER",
                "Invalid parameter", detail, field));
    }
}
