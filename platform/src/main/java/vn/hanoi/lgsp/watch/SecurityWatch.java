package vn.hanoi.lgsp.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.contract.SecuritySignal;

/**
 * Counts security signals per rule and subject in each rule's window (Đ7.7, Đ10.4); the signal
 * that reaches a rule's threshold is a finding, an incident for DOST, and further ones are counted
 * on that incident while it is open. Counts are this node's: each node watches what it refuses.
 */
@Component
class SecurityWatch {

    private static final Logger log = LoggerFactory.getLogger(SecurityWatch.class);
    /** Subjects tracked at most: beyond, the least recently seen are dropped, never the whole count. */
    static final int MAX_SUBJECTS = 100_000;
    /** New incidents one rule opens in an hour at most; past it, one incident about many sources. */
    static final int INCIDENTS_PER_RULE_PER_HOUR = 10;
    static final String MANY_SOURCES = "many sources";
    /** When a finding was last written for a rule and subject: during an attack, at most every few seconds. */
    static final Duration RECORD_AT_MOST_EVERY = Duration.ofSeconds(5);

    private final LgspIncidents incidents;
    private final Map<String, WatchSettings.Rule> rules;
    private final Cache<String, Deque<Instant>> seen;
    private final Cache<String, Instant> recorded;
    private final Map<String, Deque<Instant>> opened = new ConcurrentHashMap<>();

    SecurityWatch(LgspIncidents incidents, WatchSettings settings) {
        this.incidents = incidents;
        this.rules = settings.rules();
        Duration longest = rules.values().stream().map(WatchSettings.Rule::window).max(Duration::compareTo).orElseThrow();
        this.seen = Caffeine.newBuilder().maximumSize(MAX_SUBJECTS).expireAfterAccess(longest).build();
        this.recorded = Caffeine.newBuilder().maximumSize(MAX_SUBJECTS).expireAfterWrite(RECORD_AT_MOST_EVERY).build();
    }

    @EventListener
    void signal(SecuritySignal signal) {
        WatchSettings.Rule rule = rules.get(signal.rule());
        if (rule == null) {
            log.warn("Security signal of unknown rule {} ignored", signal.rule());
            return;
        }
        Instant now = Instant.now();
        String key = signal.rule() + "|" + signal.subject();
        Deque<Instant> times = seen.get(key, k -> new ArrayDeque<>());
        int count;
        synchronized (times) {
            times.addLast(now);
            Instant since = now.minus(rule.window());
            while (!times.isEmpty() && times.peekFirst().isBefore(since)) {
                times.removeFirst();
            }
            // a burst longer than the threshold needs no more than the threshold's worth of times
            while (times.size() > rule.threshold()) {
                times.removeFirst();
            }
            count = times.size();
        }
        if (count < rule.threshold() || recorded.getIfPresent(key) != null) {
            return;
        }
        recorded.put(key, now);
        String subject = signal.subject();
        String detail = count + " × " + signal.rule() + " within " + describe(rule.window()) + " (" + subject + "); last: "
                + signal.detail();
        if (incidents.openFor(signal.rule(), subject).isEmpty() && !mayOpen(signal.rule(), now)) {
            // many sources at once (a botnet, rotating addresses): one incident says so, not one each
            subject = MANY_SOURCES;
            detail = "more than " + INCIDENTS_PER_RULE_PER_HOUR + " sources found by " + signal.rule()
                    + " within an hour; latest: " + detail;
        }
        try {
            LgspIncidents.Opened result = incidents.open(LgspIncidents.Category.SECURITY, signal.rule(), subject, detail);
            if (result.created()) {
                log.warn("Security finding {} about {}: incident {} opened for DOST", signal.rule(), subject,
                        result.incident().id());
            }
        } catch (RuntimeException e) {
            // the refusal stands whatever happens here; the next signal tries again
            log.error("Security finding {} about {} could not be recorded", signal.rule(), subject, e);
        }
    }

    /** Whether the rule may open another incident of its own this hour; counts it when it may. */
    private boolean mayOpen(String rule, Instant now) {
        Deque<Instant> times = opened.computeIfAbsent(rule, r -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(Duration.ofHours(1)))) {
                times.removeFirst();
            }
            if (times.size() >= INCIDENTS_PER_RULE_PER_HOUR) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }

    private static String describe(Duration window) {
        return window.toMinutes() >= 1 ? window.toMinutes() + " min" : window.toSeconds() + " s";
    }
}
