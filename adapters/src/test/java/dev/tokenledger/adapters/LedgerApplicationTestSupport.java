package dev.tokenledger.adapters;

final class LedgerApplicationTestSupport {

    private LedgerApplicationTestSupport() {
    }

    static void disableUpdateChecker() {
        LedgerApplication.disableAxonUpdateChecker();
    }
}
