package dev.tokenledger.adapters.usageledger;

import org.postgresql.copy.CopyIn;
import org.postgresql.util.ByteStreamWriter;

import java.io.ByteArrayOutputStream;

/** A COPY that keeps what would go to the server, for the writers' tests. */
final class CapturedCopy implements CopyIn {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public void writeToCopy(byte[] buf, int off, int siz) {
        bytes.write(buf, off, siz);
    }

    @Override
    public void writeToCopy(ByteStreamWriter from) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void flushCopy() {
    }

    @Override
    public long endCopy() {
        return 1;
    }

    @Override
    public int getFieldCount() {
        return 7;
    }

    @Override
    public int getFormat() {
        return 0;
    }

    @Override
    public int getFieldFormat(int field) {
        return 0;
    }

    @Override
    public boolean isActive() {
        return true;
    }

    @Override
    public void cancelCopy() {
    }

    @Override
    public long getHandledRowCount() {
        return 1;
    }
}
