package dev.tokenledger.projections;

import org.jooq.DSLContext;
import org.jooq.Query;

import java.sql.PreparedStatement;
import java.util.List;

/**
 * Runs one jOOQ statement per row as a single JDBC batch, handing each row's values to the driver as they are. The SQL
 * is jOOQ's own rendering of the statement; only the binding skips jOOQ, which turns every value of every row into a
 * typed field first: in a usage import that was 3.5 % of the JVM's time, most of it for the general ledger's rows
 * (JFR profile, BENCHMARKS.md "Usage ledger in blocks"). Values are what JDBC 4.2 binds: String, Boolean, Integer,
 * Long, BigDecimal, LocalDate, OffsetDateTime, or null.
 */
public final class JdbcBatch {

    private JdbcBatch() {
    }

    public static void execute(DSLContext db, Query statement, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int parameters = statement.getBindValues().size();
        String sql = db.render(statement);
        db.connection(connection -> {
            try (PreparedStatement prepared = connection.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    if (row.length != parameters) {
                        throw new IllegalStateException("a row of " + row.length + " values for " + parameters + " parameters: " + sql);
                    }
                    for (int i = 0; i < row.length; i++) {
                        prepared.setObject(i + 1, row[i]);
                    }
                    prepared.addBatch();
                }
                prepared.executeBatch();
            }
        });
    }
}
