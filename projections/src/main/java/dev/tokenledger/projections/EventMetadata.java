package dev.tokenledger.projections;

/** Metadata keys the adapters attach to every command and Axon copies onto the events it causes. */
public final class EventMetadata {

    public static final String PRINCIPAL = "principal";
    public static final String COMMAND_NAME = "commandName";
    public static final String COMMAND_ID = "commandId";
    public static final String CORRELATION_ID = "correlationId";
    public static final String TRACE_ID = "traceId";
    /** The id a client sent in X-Correlation-Id, to find its own requests in the audit trail. */
    public static final String CLIENT_CORRELATION_ID = "clientCorrelationId";

    private EventMetadata() {
    }

    public static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
