package vn.hanoi.lgsp.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    /** Subjects tracked at most: a flood of made-up addresses cannot fill the heap. */
    static final int MAX_SUBJECTS = 10_000;

    private final LgspIncidents incidents;
    private final Map<String, WatchSettings.Rule> rules;
    private final Map<String, Deque<Instant>> seen = new ConcurrentHashMap<>();
    /** When a finding was last written for a rule and subject: during an attack, at most every few seconds. */
    private final Map<String, Instant> recorded = new ConcurrentHashMap<>();
    static final Duration RECORD_AT_MOST_EVERY = Duration.ofSeconds(5);

    SecurityWatch(LgspIncidents incidents, WatchSettings settings) {
        this.incidents = incidents;
        this.rules = settings.rules();
    }

    @EventListener
    void signal(SecuritySignal signal) {
        WatchSettings.Rule rule = rules.get(signal.rule());
        if (rule == null) {
            log.warn("Security signal of unknown rule {} ignored", signal.rule());
            return;
        }
        if (seen.size() >= MAX_SUBJECTS) {
            seen.clear();
            recorded.clear();
        }
        Instant now = Instant.now();
        int count;
        Deque<Instant> times = seen.computeIfAbsent(signal.rule() + "|" + signal.subject(), k -> new ArrayDeque<>());
        // a burst longer than the threshold needs no more than the threshold's worth of times
        synchronized (times) {
            times.addLast(now);
            Instant since = now.minus(rule.window());
            while (!times.isEmpty() && times.peekFirst().isBefore(since)) {
                times.removeFirst();
            }
            while (times.size() > rule.threshold()) {
                times.removeFirst();
            }
            count = times.size();
        }
        String key = signal.rule() + "|" + signal.subject();
        Instant last = recorded.get(key);
        if (count < rule.threshold() || (last != null && last.plus(RECORD_AT_MOST_EVERY).isAfter(now))) {
            return;
        }
        recorded.put(key, now);
        try {
            LgspIncidents.Opened opened = incidents.open(LgspIncidents.Category.SECURITY, signal.rule(), signal.subject(),
                    count + " × " + signal.rule() + " within " + describe(rule.window()) + " (" + signal.subject()
                            + "); last: " + signal.detail());
            if (opened.created()) {
                log.warn("Security finding {} about {}: incident {} opened for DOST", signal.rule(), signal.subject(),
                        opened.incident().id());
            }
        } catch (RuntimeException e) {
            // the refusal stands whatever happens here; the next signal tries again
            log.error("Security finding {} about {} could not be recorded", signal.rule(), signal.subject(), e);
        }
    }

    private static String describe(Duration window) {
        return window.toMinutes() >= 1 ? window.toMinutes() + " min" : window.toSeconds() + " s";
    }
}
