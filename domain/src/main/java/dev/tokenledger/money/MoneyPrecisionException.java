package dev.tokenledger.money;

/** An amount with more decimals than its currency's minor unit, offered without a rounding mode. */
public class MoneyPrecisionException extends IllegalArgumentException {

    public MoneyPrecisionException(String message) {
        super(message);
    }
}
