package dev.tokenledger.adapters.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/** Refuses oversized bodies with 413: at once when Content-Length says so, otherwise while reading. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long defaultLimit;
    private final long usageLimit;
    private final ObjectMapper json;

    public RequestSizeLimitFilter(LedgerProperties properties, ObjectMapper json,
                                  @org.springframework.beans.factory.annotation.Value("${ledger.usage.max-request-bytes:16777216}") long usageLimit) {
        this.defaultLimit = properties.maxRequestBytes();
        this.usageLimit = usageLimit;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // usage batches are bulk data: they get their own, larger limit
        long limit = request.getRequestURI().startsWith("/api/v1/usage") ? usageLimit : defaultLimit;
        if (request.getContentLengthLong() > limit) {
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), ProblemResponses.problem(HttpStatus.PAYLOAD_TOO_LARGE,
                    "REQUEST_TOO_LARGE", "Request too large",
                    "the request body has " + request.getContentLengthLong() + " bytes; the limit is " + limit, null));
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && ++read > limit) {
                            throw new RequestTooLargeException();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int off, int len) throws IOException {
                        int n = in.read(buffer, off, len);
                        if (n > 0 && (read += n) > limit) {
                            throw new RequestTooLargeException();
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
