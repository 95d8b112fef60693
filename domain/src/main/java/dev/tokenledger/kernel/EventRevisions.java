package dev.tokenledger.kernel;

/**
 * The revision every event is stored under. Events stored before revisions existed (the 2026-11 ledgers) carry
 * none; the adapters' upcaster brings them to the current shape when they are read. When an event's shape changes,
 * give it a new revision here (or on the event) and an upcaster from the previous one: the event store is never
 * rewritten (ARCHITECTURE.md, "Evolving events").
 */
public final class EventRevisions {

    /** Revision 2: no derived properties (such as Money's "zero" and "positive") in stored payloads. */
    public static final String CURRENT = "2";

    private EventRevisions() {
    }
}
