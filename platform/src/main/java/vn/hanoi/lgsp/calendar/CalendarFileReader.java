package vn.hanoi.lgsp.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads the working-day calendar file and checks it the way a careful reviewer would, so that a typing
 * mistake by whoever keeps the file up to date stops the platform at start-up with the entry named, instead
 * of silently moving deadlines.
 */
final class CalendarFileReader {

    /** The calendar shipped with the application, used unless {@code lgsp.calendar.file} is set. */
    static final String BUILT_IN = "calendar/vn-working-calendar.json";

    // its own mapper: the file's format must not change with the web API's JSON settings
    private final ObjectMapper json = JsonMapper.builder().build();

    /** The file at {@code file}, or the built-in calendar when {@code file} is null. */
    CalendarFile read(Path file) {
        if (file == null) {
            String origin = "classpath:" + BUILT_IN;
            try (InputStream in = CalendarFileReader.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
                if (in == null) {
                    throw new InvalidCalendarFileException(origin, "not found in the application");
                }
                return parse(in, origin);
            } catch (IOException e) {
                throw new InvalidCalendarFileException(origin, "cannot be read: " + e.getMessage(), e);
            }
        }
        String origin = file.toAbsolutePath().toString();
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, origin);
        } catch (NoSuchFileException e) {
            throw new InvalidCalendarFileException(origin, "no such file (fix lgsp.calendar.file, or unset it to use "
                    + "the calendar built into the application)", e);
        } catch (IOException e) {
            throw new InvalidCalendarFileException(origin, "cannot be read: " + e.getMessage(), e);
        }
    }

    CalendarFile parse(InputStream in, String origin) {
        RawFile raw;
        try {
            raw = json.readValue(in, RawFile.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidCalendarFileException(origin, "unknown field '" + e.getPropertyName() + "'" + at(e)
                    + "; the fields there are " + e.getKnownPropertyIds(), e);
        } catch (JsonProcessingException e) {
            throw new InvalidCalendarFileException(origin, "not valid JSON" + at(e) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidCalendarFileException(origin, "cannot be read: " + e.getMessage(), e);
        }
        if (raw == null || raw.years() == null || raw.years().isEmpty()) {
            throw new InvalidCalendarFileException(origin, "'years' is missing or empty");
        }
        List<CalendarYear> years = new ArrayList<>();
        for (int i = 0; i < raw.years().size(); i++) {
            CalendarYear year = checkYear(origin, i, raw.years().get(i));
            if (!years.isEmpty()) {
                int previous = years.get(years.size() - 1).year();
                if (year.year() <= previous) {
                    throw new InvalidCalendarFileException(origin, "year " + year.year() + " comes after " + previous
                            + "; list the years once each, in increasing order");
                }
                if (year.year() > previous + 1) {
                    throw new InvalidCalendarFileException(origin, "year " + (previous + 1) + " is missing between "
                            + previous + " and " + year.year() + "; the years must follow each other without a gap");
                }
            }
            years.add(year);
        }
        checkSwaps(origin, years);
        return new CalendarFile(origin, isBlank(raw.version()) ? "unversioned" : raw.version().strip(), years);
    }

    private static CalendarYear checkYear(String origin, int index, RawYear raw) {
        if (raw.year() == null) {
            throw new InvalidCalendarFileException(origin, "entry " + (index + 1) + " of 'years' has no 'year'");
        }
        int year = raw.year();
        String where = "year " + year;
        if (isBlank(raw.source())) {
            throw new InvalidCalendarFileException(origin, where + ": 'source' is missing (the announcement the "
                    + "dates come from, or \"" + CalendarYear.PROVISIONAL + "\")");
        }
        if (isBlank(raw.comment())) {
            throw new InvalidCalendarFileException(origin, where + ": 'comment' is missing (say how sure the dates are)");
        }
        if (raw.daysOff() == null || raw.daysOff().isEmpty()) {
            throw new InvalidCalendarFileException(origin, where + ": 'daysOff' is empty, yet every year has the "
                    + "holidays of Labour Code 2019 Art. 112");
        }

        List<DayOff> daysOff = new ArrayList<>();
        for (int i = 0; i < raw.daysOff().size(); i++) {
            RawDayOff entry = raw.daysOff().get(i);
            String entryName = where + ", daysOff entry " + (i + 1) + " (" + entry.date() + ")";
            LocalDate date = date(origin, entryName, "date", entry.date(), year);
            requireAfterPrevious(origin, entryName, date, daysOff.isEmpty() ? null : daysOff.get(daysOff.size() - 1).date());
            if (isBlank(entry.name())) {
                throw new InvalidCalendarFileException(origin, entryName + ": 'name' is missing");
            }
            DayOff.Reason reason = Arrays.stream(DayOff.Reason.values())
                    .filter(r -> r.label.equals(entry.reason()))
                    .findFirst()
                    .orElseThrow(() -> new InvalidCalendarFileException(origin, entryName + ": reason '" + entry.reason()
                            + "' is none of " + Arrays.stream(DayOff.Reason.values()).map(r -> r.label).toList()));
            daysOff.add(new DayOff(date, entry.name().strip(), reason));
        }

        List<MakeUpDay> makeUpDays = new ArrayList<>();
        List<RawMakeUpDay> rawMakeUps = raw.makeUpDays() == null ? List.of() : raw.makeUpDays();
        for (int i = 0; i < rawMakeUps.size(); i++) {
            RawMakeUpDay entry = rawMakeUps.get(i);
            String entryName = where + ", makeUpDays entry " + (i + 1) + " (" + entry.date() + ")";
            LocalDate date = date(origin, entryName, "date", entry.date(), year);
            requireAfterPrevious(origin, entryName, date,
                    makeUpDays.isEmpty() ? null : makeUpDays.get(makeUpDays.size() - 1).date());
            if (date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY) {
                throw new InvalidCalendarFileException(origin, entryName + ": a make-up working day must be a Saturday "
                        + "or a Sunday, but this is a " + date.getDayOfWeek());
            }
            if (daysOff.stream().anyMatch(d -> d.date().equals(date))) {
                throw new InvalidCalendarFileException(origin, entryName + ": listed both as a day off and as a "
                        + "make-up working day");
            }
            if (isBlank(entry.name())) {
                throw new InvalidCalendarFileException(origin, entryName + ": 'name' is missing");
            }
            // a swap may cross a year boundary, so the day it compensates is looked up once all years are read
            LocalDate compensates = date(origin, entryName, "compensates", entry.compensates(), null);
            makeUpDays.add(new MakeUpDay(date, entry.name().strip(), compensates));
        }
        return new CalendarYear(year, raw.source().strip(), raw.comment().strip(), daysOff, makeUpDays);
    }

    /** Every make-up day pays back one bridging day, and every bridging day is paid back exactly once. */
    private static void checkSwaps(String origin, List<CalendarYear> years) {
        Map<LocalDate, DayOff> daysOff = years.stream().flatMap(y -> y.daysOff().stream())
                .collect(Collectors.toMap(DayOff::date, d -> d));
        Map<LocalDate, MakeUpDay> paidBack = new HashMap<>();
        for (CalendarYear year : years) {
            for (MakeUpDay makeUp : year.makeUpDays()) {
                String entryName = "year " + year.year() + ", make-up day " + makeUp.date();
                DayOff swapped = Optional.ofNullable(daysOff.get(makeUp.compensates()))
                        .orElseThrow(() -> new InvalidCalendarFileException(origin, entryName + ": compensates "
                                + makeUp.compensates() + ", which is not among the days off"));
                if (swapped.reason() != DayOff.Reason.BRIDGING_DAY) {
                    throw new InvalidCalendarFileException(origin, entryName + ": compensates " + makeUp.compensates()
                            + ", which is a " + swapped.reason().label + ", not a " + DayOff.Reason.BRIDGING_DAY.label);
                }
                MakeUpDay other = paidBack.putIfAbsent(makeUp.compensates(), makeUp);
                if (other != null) {
                    throw new InvalidCalendarFileException(origin, entryName + ": bridging day " + makeUp.compensates()
                            + " is already made up on " + other.date());
                }
            }
        }
        for (DayOff day : daysOff.values()) {
            if (day.reason() == DayOff.Reason.BRIDGING_DAY && !paidBack.containsKey(day.date())) {
                throw new InvalidCalendarFileException(origin, "year " + day.date().getYear() + ", bridging day "
                        + day.date() + ": no make-up day compensates it; add one, or call it a "
                        + DayOff.Reason.COMPENSATORY_DAY_OFF.label + " if that is what it is");
            }
        }
    }

    private static LocalDate date(String origin, String entryName, String field, String text, Integer year) {
        if (isBlank(text)) {
            throw new InvalidCalendarFileException(origin, entryName + ": '" + field + "' is missing");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidCalendarFileException(origin, entryName + ": '" + field + "' is not a date; write it as "
                    + "YYYY-MM-DD", e);
        }
        if (year != null && date.getYear() != year) {
            throw new InvalidCalendarFileException(origin, entryName + ": the date is not in " + year);
        }
        return date;
    }

    private static void requireAfterPrevious(String origin, String entryName, LocalDate date, LocalDate previous) {
        if (previous != null && !date.isAfter(previous)) {
            throw new InvalidCalendarFileException(origin, entryName + ": comes after " + previous
                    + "; list the dates once each, in increasing order");
        }
    }

    private static String at(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr();
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    // The file as written. Dates stay text here so that a bad one is reported with its entry, not by Jackson.

    record RawFile(String title, String version, String maintainer, String howToEdit, List<RawYear> years) {
    }

    record RawYear(Integer year, String source, String comment, List<RawDayOff> daysOff,
                   List<RawMakeUpDay> makeUpDays) {
    }

    record RawDayOff(String date, String name, String reason) {
    }

    record RawMakeUpDay(String date, String name, String compensates) {
    }
}
