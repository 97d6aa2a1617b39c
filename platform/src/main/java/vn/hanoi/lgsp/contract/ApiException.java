package vn.hanoi.lgsp.contract;

import java.util.List;

/** A failure the caller can act on: becomes a {@code 01} envelope with its error token. */
public class ApiException extends RuntimeException {

    private final ErrorCode error;
    private final List<ApiError.Detail> details;

    public ApiException(ErrorCode error, String message) {
        this(error, message, List.of());
    }

    public ApiException(ErrorCode error, String message, List<ApiError.Detail> details) {
        super(message);
        this.error = error;
        this.details = List.copyOf(details);
    }

    public ErrorCode error() {
        return error;
    }

    public List<ApiError.Detail> details() {
        return details;
    }
}
