package dev.tokenledger.adapters.platform;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class TransientFailuresTest {

    @Test
    void aConnectionThePoolClosedUnderTheRequestIsNotNow() {
        // as Axon's JDBC event store reported it while PostgreSQL restarted (FaultSuiteTest)
        RuntimeException failure = new RuntimeException("Failed to create a SQL statement",
                new SQLException("Connection is closed"));

        assertThat(TransientFailures.databaseUnavailable(failure)).isTrue();
        assertThat(TransientFailures.isTransient(failure)).isTrue();
    }

    @Test
    void aDatabaseShuttingDownOrUnreachableIsNotNow() {
        assertThat(TransientFailures.isTransient(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("I/O error", "08006"))).isTrue();
    }

    @Test
    void aRefusedStatementIsNever() {
        assertThat(TransientFailures.isTransient(new SQLException("value too long", "22001"))).isFalse();
        assertThat(TransientFailures.isTransient(new SQLException("Connection is closed", "22001"))).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalStateException("Connection is closed"))).isFalse();
    }
}
