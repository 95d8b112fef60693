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
        // a null is bound with its parameter's SQL type: PostgreSQL's driver otherwise sends it untyped, and a batch
        // whose rows alternate typed and untyped values is parsed again row by row (measured: 3x PostgreSQL's CPU)
        int[] sqlTypes = statement.getParams().values().stream().mapToInt(p -> p.getDataType().getSQLType()).toArray();
        int parameters = sqlTypes.length;
        if (parameters != statement.getBindValues().size()) {
            throw new IllegalStateException("parameters not all indexed in order: " + statement);
        }
        String sql = db.render(statement);
        db.connection(connection -> {
            try (PreparedStatement prepared = connection.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    if (row.length != parameters) {
                        throw new IllegalStateException("a row of " + row.length + " values for " + parameters + " parameters: " + sql);
                    }
                    for (int i = 0; i < row.length; i++) {
                        if (row[i] == null) {
                            prepared.setNull(i + 1, sqlTypes[i]);
                        } else {
                            prepared.setObject(i + 1, row[i]);
                        }
                    }
                    prepared.addBatch();
                }
                prepared.executeBatch();
            }
        });
    }
}
