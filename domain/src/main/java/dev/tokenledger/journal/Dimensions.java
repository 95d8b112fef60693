package dev.tokenledger.journal;

/**
 * Analysis dimensions a journal line carries; any of them may be absent (null).
 */
public record Dimensions(String customer, String contract, String creditPool, String model, String feature,
                         String product) {

    public static final Dimensions NONE = new Dimensions(null, null, null, null, null, null);

    public static Dimensions ofCustomer(String customer) {
        return new Dimensions(customer, null, null, null, null, null);
    }

    /** Dimensions with blank values treated as absent, so "" and null never count as two different customers. */
    public Dimensions normalized() {
        return new Dimensions(blankToNull(customer), blankToNull(contract), blankToNull(creditPool),
                blankToNull(model), blankToNull(feature), blankToNull(product));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
