package vn.hanoi.lgsp.ratelimit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The counters' rows: one per counted key and window, made and changed only by atomic upserts. */
@Component
class WindowCounters {

    private final JdbcTemplate jdbc;

    WindowCounters(JdbcTemplate jdbc) {
        if (jdbc == null) {
            this.jdbc = null;
            return;
        }
        // a slow database must not hold calls for long: past this the store counts as failed
        JdbcTemplate bounded = new JdbcTemplate(jdbc.getDataSource());
        bounded.setQueryTimeout(1);
        this.jdbc = bounded;
    }

    /** Counts one call if the window has fewer than {@code limit}; false (nothing counted) otherwise. */
    boolean takeIfBelow(String key, long windowStart, long windowMillis, long limit) {
        List<Long> used = jdbc.queryForList("""
                insert into lgsp.rate_window (counter_key, window_start, window_end, used) values (?, ?, ?, 1)
                on conflict (counter_key, window_start) do update set used = rate_window.used + 1
                where rate_window.used < ?
                returning used""", Long.class,
                key, new Timestamp(windowStart), new Timestamp(windowStart + windowMillis), limit);
        return !used.isEmpty() && used.get(0) <= limit;
    }

    /** Adds calls to the window's count and returns the count with them. */
    long add(String key, long windowStart, long windowMillis, long calls) {
        Long used = jdbc.queryForObject("""
                insert into lgsp.rate_window (counter_key, window_start, window_end, used) values (?, ?, ?, ?)
                on conflict (counter_key, window_start) do update set used = rate_window.used + excluded.used
                returning used""", Long.class,
                key, new Timestamp(windowStart), new Timestamp(windowStart + windowMillis), calls);
        return used == null ? calls : used;
    }

    /** The window's count so far, 0 when nothing was counted in it yet. */
    long read(String key, long windowStart) {
        List<Long> used = jdbc.queryForList("select used from lgsp.rate_window where counter_key = ? and window_start = ?",
                Long.class, key, new Timestamp(windowStart));
        return used.isEmpty() ? 0 : used.get(0);
    }

    /** Ended windows are of no further use; every node may run this, it deletes the same rows. */
    @Scheduled(initialDelayString = "PT2M", fixedDelayString = "PT10M")
    void forgetEndedWindows() {
        jdbc.update("delete from lgsp.rate_window where window_end < ?", Timestamp.from(Instant.now().minusSeconds(60)));
    }
}
