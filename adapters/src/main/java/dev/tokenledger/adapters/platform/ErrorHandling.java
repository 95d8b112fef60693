package dev.tokenledger.adapters.platform;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.tokenledger.rejection.LedgerRejection;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
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
    ProblemDetail commandFailed(CommandExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof LedgerRejection rejection) {
            return rejected(rejection);
        }
        if (cause instanceof AggregateNotFoundException notFound) {
            return notFound(notFound);
        }
        if (cause instanceof ConcurrencyException concurrency) {
            return concurrent(concurrency);
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
        if (e.getCause() instanceof JsonMappingException mapping) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String detail;
            if (mapping instanceof UnrecognizedPropertyException unknown) {
                detail = "unknown field '" + unknown.getPropertyName() + "'";
            } else if (mapping instanceof InvalidFormatException invalid) {
                detail = "value '" + invalid.getValue() + "' is not a valid " + invalid.getTargetType().getSimpleName()
                        + (invalid.getTargetType().isEnum() ? " (one of " + java.util.Arrays.toString(invalid.getTargetType().getEnumConstants()) + ")" : "");
            } else {
                detail = mapping.getOriginalMessage();
            }
            return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "Malformed request", detail,
                    field.isEmpty() ? null : field);
        }
        if (e.getCause() instanceof RequestTooLargeException) {
            return tooLarge();
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

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error", e);
        return ProblemResponses.problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Internal error",
                "the ledger could not complete the request; nothing was stored", null);
    }
}
