package vn.hanoi.lgsp.contract;

/** The success side of the envelope (Appendix 01 §3.1: status code {@code 00}). */
public final class ApiResponses {

    public static final String SUCCESS = "00";

    private ApiResponses() {
    }

    /** A body that carries only the envelope. */
    public record Ack(String code, String message) {
    }

    public static Ack ok(String message) {
        return new Ack(SUCCESS, message);
    }
}
