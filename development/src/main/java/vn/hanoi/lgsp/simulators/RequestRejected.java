package vn.hanoi.lgsp.simulators;

/** Ends request handling early with a ready answer; cheap because it carries no stack trace. */
final class RequestRejected extends RuntimeException {

    private final transient SimResponse response;

    RequestRejected(SimResponse response) {
        super(null, null, false, false);
        this.response = response;
    }

    SimResponse response() {
        return response;
    }
}
