package vn.hanoi.lgsp.audit;

/** An entry could not be made durable: the action it describes must not be reported as done. */
public class JournalUnavailableException extends RuntimeException {

    public JournalUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
