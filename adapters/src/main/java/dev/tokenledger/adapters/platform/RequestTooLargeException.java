package dev.tokenledger.adapters.platform;

import java.io.IOException;

/** Thrown while reading a body that outgrows ledger.max-request-bytes. */
public class RequestTooLargeException extends IOException {

    public RequestTooLargeException() {
        super("request body exceeds the configured limit");
    }
}
