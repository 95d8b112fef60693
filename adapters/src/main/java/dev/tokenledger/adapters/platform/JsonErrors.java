package dev.tokenledger.adapters.platform;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/** Words a JSON reading error for a client: what was expected, in the API's terms, never a Java type or a stack. */
final class JsonErrors {

    private JsonErrors() {
    }

    static String describe(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'";
        }
        if (e instanceof ValueInstantiationException) {
            return "the object could not be read; check its fields against the API document";
        }
        Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        String expected = expected(target);
        if (e instanceof InvalidFormatException invalid && invalid.getValue() != null) {
            String value = String.valueOf(invalid.getValue());
            value = value.length() > 60 ? value.substring(0, 60) + "..." : value;
            return "'" + printable(value) + "' is not " + expected;
        }
        return "expected " + expected;
    }

    /** What a value of this type is called in the API. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a value of the documented type";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == BigDecimal.class) {
            return "a decimal number (a string or a JSON number, at most " + JsonConfiguration.MAX_DIGITS
                    + " digits before and after the point)";
        }
        if (type == LocalDate.class) {
            return "a date YYYY-MM-DD, as a string";
        }
        if (type == YearMonth.class) {
            return "a month YYYY-MM, as a string";
        }
        if (type == Instant.class) {
            return "a timestamp, ISO-8601 with an offset, as a string";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == BigInteger.class || type == short.class || type == Short.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a JSON array";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a JSON object";
        }
        return "a JSON object";
    }

    private static String printable(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
