package dev.tokenledger.licensing;

/** Licences live under "licence:{licenceId}", their entries under "licence:{licenceId}:{request}". */
public final class LicenceIds {

    private LicenceIds() {
    }

    public static String aggregateId(String licenceId) {
        return "licence:" + licenceId;
    }

    public static String entryId(String licenceId, String requestId) {
        return "licence:" + licenceId + ":" + requestId;
    }
}
