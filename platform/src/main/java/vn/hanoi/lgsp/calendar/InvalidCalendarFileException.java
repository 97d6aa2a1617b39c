package vn.hanoi.lgsp.calendar;

/** The calendar file cannot be used; the message names the file and the bad entry, for DOST to fix. */
class InvalidCalendarFileException extends RuntimeException {

    InvalidCalendarFileException(String origin, String problem) {
        super("Working-day calendar " + origin + ": " + problem);
    }

    InvalidCalendarFileException(String origin, String problem, Throwable cause) {
        super("Working-day calendar " + origin + ": " + problem, cause);
    }
}
