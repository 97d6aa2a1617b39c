package vn.hanoi.lgsp.calendar;

import java.time.LocalDate;

/** A weekend day public servants work to make up for the bridging day {@code compensates}. */
record MakeUpDay(LocalDate date, String name, LocalDate compensates) {
}
