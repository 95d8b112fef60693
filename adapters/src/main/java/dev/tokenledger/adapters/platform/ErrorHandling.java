package dev.tokenledger.adapters.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.tokenledger.rejection.LedgerRejection;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.stream.Collectors;

/** Every error leaves as application/problem+json naming the rule or field at fault; never a stack trace. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

    @ExceptionHandler(LedgerRejection.class)
    ProblemDetail rejected(LedgerRejection rejection) {
        return ProblemResponses.of(rejection);
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof LedgerRejection rejection) {
            return respond(rejected(rejection));
        }
        if (cause instanceof AggregateNotFoundException notFound) {
            return respond(notFound(notFound));
        }
        if (cause instanceof ConcurrencyException concurrency) {
            return respond(concurrent(concurrency));
        }
        return unexpected(e);
    }

    /** Commands name their own refusal for a missing target (see CommandInterceptors); this is the fallback. */
    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail notFound(AggregateNotFoundException e) {
        return ProblemResponses.problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "Not found",
                "the record this request addresses does not exist", null);
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrent(ConcurrencyException e) {
        return ProblemResponses.problem(HttpStatus.CONFLICT, "CONCURRENT_REQUEST", "Concurrent request",
                "another request changed the same record at the same time; retry with the same id", null);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof RequestTooLargeException) {
            return tooLarge();
        }
        if (e.getCause() instanceof JsonMappingException mapping) {
            if (mapping.getCause() instanceof RequestTooLargeException) {
                return tooLarge();
            }
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "Malformed request",
                    JsonErrors.describe(mapping), field.isEmpty() ? null : field);
        }
        if (e.getCause() instanceof StreamConstraintsException) {
            return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "Malformed request",
                    "a number or text in the body is longer than the ledger reads (numbers: at most "
                            + JsonConfiguration.MAX_NUMBER_LENGTH + " characters)", null);
        }
        if (e.getCause() instanceof JsonProcessingException parse && parse.getLocation() != null) {
            return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "Malformed request",
                    "the body is not valid JSON (line " + parse.getLocation().getLineNr() + ", column "
                            + parse.getLocation().getColumnNr() + ")", null);
        }
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "Malformed request",
                "the body is not valid JSON for this endpoint", null);
    }

    @ExceptionHandler(RequestTooLargeException.class)
    ProblemDetail tooLarge() {
        return ProblemResponses.problem(HttpStatus.PAYLOAD_TOO_LARGE, "REQUEST_TOO_LARGE", "Request too large",
                "the request body exceeds the configured limit (ledger.max-request-bytes)", null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", "Invalid parameter",
                "'" + e.getValue() + "' is not a valid value for " + e.getName(), e.getName());
    }

    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail invalidParameter(InvalidParameterException e) {
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", "Invalid parameter",
                e.getMessage(), e.field());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "MISSING_PARAMETER", "Missing parameter",
                "parameter " + e.getParameterName() + " is required", e.getParameterName());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
        return ProblemResponses.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                "Unsupported media type", "send application/json", null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ProblemDetail method(HttpRequestMethodNotSupportedException e) {
        return ProblemResponses.problem(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", "Method not allowed",
                e.getMessage(), null);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ProblemDetail noResource(NoResourceFoundException e) {
        return ProblemResponses.problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "Not found", "no such endpoint", null);
    }

    @ExceptionHandler(NotReadyException.class)
    ResponseEntity<ProblemDetail> notReady(NotReadyException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "NOT_READY", "Not ready",
                        e.getMessage(), null));
    }

    /**
     * No database connection was free within the pool's timeout, or the database is restarting: nothing was stored,
     * the request can be sent again as it is.
     */
    @ExceptionHandler({CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
            TransientDataAccessResourceException.class, java.sql.SQLTransientConnectionException.class})
    ResponseEntity<ProblemDetail> databaseBusy(Exception e) {
        log.warn("Database not available for a request: {}", e.toString());
        return notReady(new NotReadyException("the database is busy or restarting; nothing was stored, send the request again", 2));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (TransientFailures.isTransient(e)) {
            return databaseBusy(e);
        }
        if (e instanceof org.springframework.web.ErrorResponse spring && spring.getStatusCode().is4xxClientError()) {
            // Spring MVC's own refusals (406, 415, binding errors ...): the status, in words that name no Java type
            HttpStatus status = HttpStatus.valueOf(spring.getStatusCode().value());
            return respond(ProblemResponses.problem(status, "REQUEST_REFUSED", status.getReasonPhrase(),
                    "the request was refused: " + status.getReasonPhrase().toLowerCase(), null));
        }
        log.error("Unexpected error", e);
        return respond(ProblemResponses.problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Internal error",
                "the ledger could not complete the request; nothing was stored", null));
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
