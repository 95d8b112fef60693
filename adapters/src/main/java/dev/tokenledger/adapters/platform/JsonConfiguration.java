package dev.tokenledger.adapters.platform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializerBase;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Web JSON. Amounts leave as exact decimal strings ("12.30"), so no client reads money as an inexact binary number.
 * Requests are read with guards at the door, before any command is built (ARCHITECTURE.md, "One definition of
 * valid"): numbers of at most {@link #MAX_NUMBER_LENGTH} characters and {@link #MAX_DIGITS} digits either side of
 * the point (a body such as {@code {"credits":1e999999999}} is refused at once, never expanded), dates and timestamps
 * as ISO-8601 strings only (not numbers of days or seconds), enums by name only.
 */
@Configuration
public class JsonConfiguration {

    /** Characters in one JSON number (or a decimal given as a string). */
    static final int MAX_NUMBER_LENGTH = 100;
    /** Digits before, and after, the decimal point of any decimal the ledger reads. */
    static final int MAX_DIGITS = 40;

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,10})?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final int MAX_TIMESTAMP_LENGTH = 40;

    @Bean
    public Jackson2ObjectMapperBuilderCustomizer ledgerJson() {
        SimpleModule module = new SimpleModule("ledger-json");
        module.addSerializer(BigDecimal.class, new ToStringSerializerBase(BigDecimal.class) {
            @Override
            public String valueToString(Object value) {
                return ((BigDecimal) value).toPlainString();
            }
        });
        module.addDeserializer(BigDecimal.class, new BoundedDecimal());
        module.addDeserializer(LocalDate.class, new IsoText<>(LocalDate.class, DATE, LocalDate::parse, "a date YYYY-MM-DD"));
        module.addDeserializer(YearMonth.class, new IsoText<>(YearMonth.class, MONTH, YearMonth::parse, "a month YYYY-MM"));
        module.addDeserializer(Instant.class, new IsoText<>(Instant.class, null,
                text -> OffsetDateTime.parse(text).toInstant(), "a timestamp, ISO-8601 with an offset"));
        return builder -> builder
                .modulesToInstall(modules -> modules.add(module))
                .featuresToEnable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNumberLength(MAX_NUMBER_LENGTH).maxStringLength(20_000_000).maxNestingDepth(100).build()));
    }

    /** Whether a decimal has at most {@link #MAX_DIGITS} digits before and after its point. */
    static boolean withinDigits(BigDecimal value) {
        // long arithmetic: a scale of -2^31 must not wrap around into a small number of digits
        return (long) value.precision() - value.scale() <= MAX_DIGITS && value.scale() <= MAX_DIGITS;
    }

    /** Decimals from JSON numbers or strings, exactly, refused beyond {@link #MAX_DIGITS} digits either side. */
    static final class BoundedDecimal extends StdScalarDeserializer<BigDecimal> {

        BoundedDecimal() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            BigDecimal value;
            if (p.hasToken(JsonToken.VALUE_NUMBER_INT) || p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
                value = p.getDecimalValue();
            } else if (p.hasToken(JsonToken.VALUE_STRING)) {
                String text = p.getText().strip();
                if (text.length() > MAX_NUMBER_LENGTH || !DECIMAL.matcher(text).matches()) {
                    throw InvalidFormatException.from(p, "not a decimal number", p.getText(), BigDecimal.class);
                }
                value = new BigDecimal(text);
            } else {
                throw MismatchedInputException.from(p, BigDecimal.class, "expected a decimal number");
            }
            if (!withinDigits(value)) {
                throw InvalidFormatException.from(p, "a number with at most " + MAX_DIGITS + " digits before and after "
                        + "the decimal point", abbreviated(p.getText()), BigDecimal.class);
            }
            return value;
        }
    }

    /** A date or time given as an ISO-8601 string of the expected shape; numbers and arrays are refused. */
    static final class IsoText<T> extends StdScalarDeserializer<T> {

        private final Pattern shape;
        private final Function<String, T> parse;
        private final String expected;

        IsoText(Class<T> type, Pattern shape, Function<String, T> parse, String expected) {
            super(type);
            this.shape = shape;
            this.parse = parse;
            this.expected = expected;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                throw MismatchedInputException.from(p, handledType(), "expected " + expected + ", as a string");
            }
            String text = p.getText();
            if (text.length() <= MAX_TIMESTAMP_LENGTH && (shape == null || shape.matcher(text).matches())) {
                try {
                    return parse.apply(text);
                } catch (DateTimeException e) {
                    // reported below
                }
            }
            throw InvalidFormatException.from(p, "expected " + expected, abbreviated(text), handledType());
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
