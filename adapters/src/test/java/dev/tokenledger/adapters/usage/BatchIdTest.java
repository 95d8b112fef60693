package dev.tokenledger.adapters.usage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BatchIdTest {

    @Test
    void batchIdsAreUniqueAndSortInTheOrderTheyWereMade() throws InterruptedException {
        String earlier = UsageIngestion.newBatchId();
        Thread.sleep(2);
        String later = UsageIngestion.newBatchId();

        assertThat(earlier).matches("b[0-9a-f]{24}");
        assertThat(later).matches("b[0-9a-f]{24}");
        assertThat(later).isGreaterThan(earlier);
        assertThat(UsageIngestion.newBatchId()).isNotEqualTo(UsageIngestion.newBatchId());
    }
}
