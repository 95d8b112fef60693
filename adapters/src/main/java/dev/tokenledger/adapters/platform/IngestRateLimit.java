package dev.tokenledger.adapters.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;

/**
 * Per-principal rate limit on the ingestion endpoints ({@code POST /api/v1/usage}, {@code POST /api/v1/customers/**}):
 * at most {@code ledger.rate-limit.ingest-requests-per-second} requests a second for each user, the rest answered
 * 429 with Retry-After; 0 switches it off. A producer that keeps within it is never refused.
 */
@Component
@Order(1) // after authentication: the limit is per authenticated principal
public class IngestRateLimit extends OncePerRequestFilter {

    private final RateLimiterRegistry limiters;
    private final boolean enabled;
    private final ObjectMapper json;

    public IngestRateLimit(@Value("${ledger.rate-limit.ingest-requests-per-second:200}") int perSecond, ObjectMapper json) {
        this.enabled = perSecond > 0;
        this.limiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(Math.max(1, perSecond))
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO)
                .build());
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !enabled || !"POST".equals(request.getMethod())
                || !(path.startsWith("/api/v1/usage") || path.startsWith("/api/v1/customers/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication principal = SecurityContextHolder.getContext().getAuthentication();
        String name = principal == null ? "anonymous" : principal.getName();
        RateLimiter limiter = limiters.rateLimiter(name);
        if (!limiter.acquirePermission()) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), ProblemResponses.problem(HttpStatus.TOO_MANY_REQUESTS,
                    "RATE_LIMITED", "Too many requests", "at most " + limiter.getRateLimiterConfig().getLimitForPeriod()
                            + " ingestion requests a second per user; nothing of this request was stored, send it again "
                            + "after Retry-After", null));
            return;
        }
        chain.doFilter(request, response);
    }
}
