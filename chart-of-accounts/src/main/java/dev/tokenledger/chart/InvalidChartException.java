package dev.tokenledger.chart;

/** A chart file that cannot be used; the message names the source and the line at fault. */
public class InvalidChartException extends RuntimeException {

    public InvalidChartException(String message) {
        super(message);
    }
}
