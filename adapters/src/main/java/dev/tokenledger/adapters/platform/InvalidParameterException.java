package dev.tokenledger.adapters.platform;

/** A query parameter outside its allowed range; answered with 400 naming the parameter. */
public class InvalidParameterException extends RuntimeException {

    private final String field;

    public InvalidParameterException(String field, String detail) {
        super(detail);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
