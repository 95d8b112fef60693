package dev.tokenledger.adapters.usage;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When a file import skips looking a batch's ids up first, and how a batch that met held ids brings it back. */
class KeyLookAheadTest {

    private static final List<UsageIngestion.BatchResult> CLEAN = List.of(result(0, List.of()));
    private static final List<UsageIngestion.BatchResult> WITH_DUPLICATES = List.of(result(3, List.of()));
    private static final List<UsageIngestion.BatchResult> WITH_CONFLICT = List.of(result(0, List.of(
            new UsageIngestion.Rejection(7, "r-7", "IDEMPOTENCY_KEY_REUSED", "id", "already received"))));
    private static final List<UsageIngestion.BatchResult> WITH_OTHER_REJECTION = List.of(result(0, List.of(
            new UsageIngestion.Rejection(7, "r-7", "UNKNOWN_MODEL", "model", "no rate card"))));

    @Test
    void theFirstBatchIsLookedUpAndCleanBatchesAreAssumedNewUntilOneMeetsHeldIds() {
        KeyLookAhead lookAhead = new KeyLookAhead(true);
        assertThat(lookAhead.lookUpNext()).as("a file imported again after a crash starts with held ids").isTrue();
        lookAhead.committed(true, CLEAN);
        assertThat(lookAhead.lookUpNext()).isFalse();
        lookAhead.committed(false, WITH_OTHER_REJECTION); // a rejection for another reason is not a held id
        assertThat(lookAhead.lookUpNext()).isFalse();
        lookAhead.committed(false, WITH_DUPLICATES); // ran twice: now two clean batches are needed
        assertThat(lookAhead.lookUpNext()).isTrue();
        lookAhead.committed(true, CLEAN);
        assertThat(lookAhead.lookUpNext()).isTrue();
        lookAhead.committed(true, CLEAN);
        assertThat(lookAhead.lookUpNext()).isFalse();
        lookAhead.committed(false, WITH_CONFLICT); // a conflicting resend is a held id too: four needed
        for (int i = 0; i < 4; i++) {
            assertThat(lookAhead.lookUpNext()).isTrue();
            lookAhead.committed(true, CLEAN);
        }
        assertThat(lookAhead.lookUpNext()).isFalse();
        assertThat(lookAhead.skipped()).isEqualTo(4);
        assertThat(lookAhead.missed()).isEqualTo(2);
    }

    @Test
    void aLookedUpBatchThatMeetsHeldIdsDoesNotRaiseTheBar() {
        KeyLookAhead lookAhead = new KeyLookAhead(true);
        for (int i = 0; i < 10; i++) { // a file imported again: every batch held, every one looked up, none ran twice
            assertThat(lookAhead.lookUpNext()).isTrue();
            lookAhead.committed(true, WITH_DUPLICATES);
        }
        lookAhead.committed(true, CLEAN);
        assertThat(lookAhead.lookUpNext()).isFalse();
        assertThat(lookAhead.missed()).isZero();
    }

    @Test
    void theBarStopsRisingAtItsBound() {
        KeyLookAhead lookAhead = new KeyLookAhead(true);
        for (int miss = 0; miss < 12; miss++) {
            while (lookAhead.lookUpNext()) {
                lookAhead.committed(true, CLEAN);
            }
            lookAhead.committed(false, WITH_DUPLICATES);
        }
        int lookedUp = 0;
        while (lookAhead.lookUpNext()) {
            lookAhead.committed(true, CLEAN);
            lookedUp++;
        }
        assertThat(lookedUp).isEqualTo(KeyLookAhead.MAX_CLEAN_BATCHES_REQUIRED);
    }

    @Test
    void everyBatchIsLookedUpWhenTheKeyTableIsNotTheOnlyRecordOfHeldIds() {
        KeyLookAhead lookAhead = new KeyLookAhead(false);
        for (int i = 0; i < 5; i++) {
            assertThat(lookAhead.lookUpNext()).isTrue();
            lookAhead.committed(true, CLEAN);
        }
        assertThat(lookAhead.skipped()).isZero();
    }

    private static UsageIngestion.BatchResult result(int duplicates, List<UsageIngestion.Rejection> rejected) {
        return new UsageIngestion.BatchResult("b1", 10, 10 - duplicates - rejected.size(), duplicates, rejected, List.of());
    }
}
