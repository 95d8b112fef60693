package dev.tokenledger.adapters.usage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SharedTextTest {

    @Test
    void equalValuesReadFromAFileShareOneInstance() {
        UsageFileImport.SharedText shared = new UsageFileImport.SharedText();
        String first = shared.of(new String("gpt-large"));
        String again = shared.of(new String("gpt-large"));

        assertThat(again).isSameAs(first).isEqualTo("gpt-large");
        assertThat(shared.of(null)).isNull();
    }

    @Test
    void manyDistinctValuesDoNotGrowItWithoutEnd() {
        UsageFileImport.SharedText shared = new UsageFileImport.SharedText();
        for (int i = 0; i < 200_000; i++) {
            assertThat(shared.of("end-user-" + i)).isEqualTo("end-user-" + i);
        }
        assertThat(shared.size()).isLessThanOrEqualTo(50_001);
    }
}
