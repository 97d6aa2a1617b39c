package vn.hanoi.lgsp.gateway;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

/** Passes a request body on while counting it, and stops it once it exceeds the limit (chunked bodies have no length to check first). */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private long count;
    private boolean exceeded;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    /** A whole body, when it is at most {@code max} bytes long. */
    static byte[] readAtMost(InputStream in, long max) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (bytes.length > max) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The body is larger than the gateway's limit of " + max
                    + " bytes");
        }
        return bytes;
    }

    long count() {
        return count;
    }

    boolean exceeded() {
        return exceeded;
    }

    private void add(int n) throws IOException {
        count += n;
        if (count > limit) {
            exceeded = true;
            throw new IOException("request body exceeds " + limit + " bytes");
        }
    }
}
