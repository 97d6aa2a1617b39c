package vn.hanoi.lgsp.monitoring;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of monthly indices {@code <prefix>-yyyy.MM}, months counted in UTC, and which of them
 * a retention lets go. An index is expired only when all of its month is older than the
 * retention, so no document is dropped early.
 */
final class MonthlyIndices {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC);

    private final String prefix;
    private final Pattern name;

    MonthlyIndices(String prefix) {
        this.prefix = prefix;
        this.name = Pattern.compile(Pattern.quote(prefix) + "-(\\d{4})\\.(\\d{2})");
    }

    String prefix() {
        return prefix;
    }

    /** Matches every index of the family, and possibly others: filter with {@link #monthOf}. */
    String wildcard() {
        return prefix + "-*";
    }

    String nameFor(Instant timestamp) {
        return prefix + "-" + MONTH.format(timestamp);
    }

    /** Empty for anything that is not exactly {@code <prefix>-yyyy.MM} with a real month. */
    Optional<YearMonth> monthOf(String index) {
        Matcher m = name.matcher(index);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The instant before which a document has outlived the retention. */
    static Instant cutoff(Instant now, Period retention) {
        return now.atOffset(ZoneOffset.UTC).minus(retention).toInstant();
    }

    /** The given indices whose month ended at or before {@code now - retention}, in the given order. */
    List<String> expired(Collection<String> indices, Instant now, Period retention) {
        Instant cutoff = cutoff(now, retention);
        return indices.stream()
                .filter(index -> monthOf(index).map(month -> !end(month).isAfter(cutoff)).orElse(false))
                .toList();
    }

    private static Instant end(YearMonth month) {
        return month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
