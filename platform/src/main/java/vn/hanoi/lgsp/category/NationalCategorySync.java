package vn.hanoi.lgsp.category;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.hanoi.lgsp.cluster.ClusterJobs;
import vn.hanoi.lgsp.http.OutboundTokens;
import vn.hanoi.lgsp.workercontract.NationalCategoryService;
import vn.hanoi.lgsp.workercontract.NationalCategoryService.ChangeSet;
import vn.hanoi.lgsp.workercontract.PostalProcess;
import vn.hanoi.lgsp.platform.NationalPlatformSettings;

/**
 * Keeps the administrative units and the agencies' codes in step with the national category
 * service (Đ6.1.2.b, Đ10.3): pulls, through NDXP, the change sets after each list's version and
 * applies them in order, each whole or not at all, each as a new version with its effective
 * date. A set with a problem is refused whole with every problem named, and the sync of that
 * list stops there until the national service corrects it (a later set may depend on it).
 */
@Component
public class NationalCategorySync {

    private static final Logger log = LoggerFactory.getLogger(NationalCategorySync.class);
    private static final String TOKEN_CLIENT = "ndxp-categories";
    static final List<String> SYNCED = List.of(CategoryLists.ADMINISTRATIVE_UNITS, CategoryLists.AGENCIES);
    /** More than the 2025 reorganisation's 3,321 units: a larger set is not a change set but a mistake. */
    static final int MAX_CHANGES = 5_000;

    /** What one list's pull did. */
    public record ListResult(String list, int fromVersion, int toVersion, List<Integer> applied, Integer refusedVersion,
                             List<ChangeSetProblem> problems, String error) {
    }

    private final NationalPlatformSettings national;
    private final OutboundTokens tokens;
    private final CategoryLists lists;
    private final UnitChangeSets units;
    private final AgencyChangeSets agencies;
    private final CategoryNotices notices;
    private final TransactionTemplate transaction;
    private final ClusterJobs jobs;
    private final CategorySyncSettings settings;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    NationalCategorySync(NationalPlatformSettings national, OutboundTokens tokens, CategoryLists lists, UnitChangeSets units,
                         AgencyChangeSets agencies, CategoryNotices notices, TransactionTemplate transaction,
                         ClusterJobs jobs, CategorySyncSettings settings, ObjectMapper json) {
        this.national = national;
        this.tokens = tokens;
        this.lists = lists;
        this.units = units;
        this.agencies = agencies;
        this.notices = notices;
        this.transaction = transaction;
        this.jobs = jobs;
        this.settings = settings;
        this.json = json;
    }

    @Scheduled(initialDelayString = "PT2M", fixedDelayString = "PT10M")
    void scheduled() {
        if (settings.syncEnabled() && national.ndxp() != null && national.ndxp().configured()
                && jobs.claim("national-category-sync", settings.syncInterval())) {
            syncAll();
        }
    }

    /** Pulls and applies every synced list now. */
    public List<ListResult> syncAll() {
        List<ListResult> results = new ArrayList<>();
        for (String list : SYNCED) {
            results.add(sync(list));
        }
        return results;
    }

    /** Serialised across the cluster by the list's version row: two nodes never apply the same set. */
    public synchronized ListResult sync(String list) {
        int from = lists.currentVersion(list);
        NationalCategoryService.Changes changes;
        try {
            changes = fetch(list, from);
        } catch (IOException | RuntimeException e) {
            log.warn("The national category service could not be read for {}: {}", list, e.getMessage());
            return new ListResult(list, from, from, List.of(), null, List.of(), e.getMessage());
        }
        List<Integer> applied = new ArrayList<>();
        int current = from;
        for (ChangeSet set : changes.changeSets().stream().filter(java.util.Objects::nonNull)
                .sorted(java.util.Comparator.comparingInt(ChangeSet::version)).toList()) {
            if (set.version() <= current) {
                continue;
            }
            if (CategoryLists.AGENCIES.equals(list) && set.effectiveDate() != null
                    && set.effectiveDate().isAfter(java.time.LocalDate.now(CategoryNotices.VIETNAM))) {
                // a body's new code exists only from that day: the set waits for it, and so do the later ones
                return new ListResult(list, from, current, applied, null, List.of(), "version " + set.version()
                        + " takes effect on " + set.effectiveDate() + "; applied on that day");
            }
            List<ChangeSetProblem> problems = problems(list, set, current);
            if (problems.isEmpty()) {
                int version = current;
                try {
                    transaction.executeWithoutResult(status -> apply(list, set, version));
                } catch (RuntimeException e) {
                    // a set the checks let through but the store refused: nothing of it stays, and it is refused like the others
                    log.error("Change set {} of {} could not be applied", set.version(), list, e);
                    problems = List.of(new ChangeSetProblem("changes", "could not be applied: " + e.getMessage()));
                }
            }
            if (!problems.isEmpty()) {
                refuse(list, set.version(), problems);
                return new ListResult(list, from, current, applied, set.version(), problems, null);
            }
            current = set.version();
            applied.add(current);
        }
        return new ListResult(list, from, current, applied, null, List.of(), null);
    }

    /** Recorded once per version and list of problems: the same set refused every round is one refusal. */
    private void refuse(String list, int version, List<ChangeSetProblem> problems) {
        String json = problemsJson(problems);
        if (!lists.refusedAlready(list, version, json)) {
            lists.recordRefusal(list, version, json);
            log.warn("Change set {} of {} refused whole: {}", version, list, problems);
        }
    }

    private List<ChangeSetProblem> problems(String list, ChangeSet set, int current) {
        List<ChangeSetProblem> problems = new ArrayList<>();
        if (set.changes() != null && set.changes().size() > MAX_CHANGES) {
            problems.add(new ChangeSetProblem("changes", set.changes().size() + " changes; a set holds at most " + MAX_CHANGES));
            return problems;
        }
        if (set.version() != current + 1) {
            problems.add(new ChangeSetProblem("version", "is " + set.version() + " but version " + (current + 1)
                    + " is the next; the sets in between are missing"));
        }
        java.time.LocalDate last = lists.versions(list).stream().findFirst()
                .map(CategoryLists.Version::effectiveDate).orElse(null);
        if (set.effectiveDate() != null && last != null && !set.effectiveDate().isAfter(last)) {
            problems.add(new ChangeSetProblem("effectiveDate", set.effectiveDate() + " is not after the current version's "
                    + last));
        }
        problems.addAll(CategoryLists.ADMINISTRATIVE_UNITS.equals(list) ? units.problems(set) : agencies.problems(set));
        return problems;
    }

    private void apply(String list, ChangeSet set, int expected) {
        if (lists.currentVersion(list) != expected) {
            // another node applied it meanwhile; the version row's key keeps it from being applied twice
            return;
        }
        lists.recordVersion(list, set.version(), set.effectiveDate(), "national category service through NDXP ("
                + NationalCategoryService.SERVICE + ")", summary(set));
        Set<String> ended = CategoryLists.ADMINISTRATIVE_UNITS.equals(list) ? units.apply(set) : agencies.apply(set);
        notices.announce(list, set);
        if (CategoryLists.ADMINISTRATIVE_UNITS.equals(list)) {
            notices.askDost(list, set, units.uses(ended));
        }
        log.info("Applied change set {} of {} (effective {}): {}", set.version(), list, set.effectiveDate(), summary(set));
    }

    static String summary(ChangeSet set) {
        return set.changes().size() + " change(s): " + String.join("; ", set.changes().stream()
                .map(c -> c.kind() + " " + c.code() + (c.predecessors() == null || c.predecessors().isEmpty() ? ""
                        : " from " + c.predecessors()) + (c.name() == null ? "" : " (" + c.name() + ")")).toList());
    }

    private NationalCategoryService.Changes fetch(String list, int after) throws IOException {
        NationalPlatformSettings.Endpoint ndxp = national.ndxp();
        if (ndxp == null || !ndxp.configured()) {
            throw new IOException("NDXP is not configured (lgsp.national.ndxp.url)");
        }
        String base = ndxp.url().endsWith("/") ? ndxp.url().substring(0, ndxp.url().length() - 1) : ndxp.url();
        tokens.register(TOKEN_CLIENT, new OutboundTokens.Client(base + "/token", ndxp.consumerKey(), ndxp.consumerSecret(),
                OutboundTokens.CredentialStyle.BASIC, null));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + NationalCategoryService.changesPath(list) + "?"
                        + NationalCategoryService.AFTER_VERSION + "=" + after))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + tokens.token(TOKEN_CLIENT))
                .header(PostalProcess.Ndxp.CLIENT_HEADER, PostalProcess.Ndxp.LGSP_MEMBER)
                .header(PostalProcess.Ndxp.SERVICE_HEADER, NationalCategoryService.SERVICE)
                .GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 401) {
                tokens.invalidate(TOKEN_CLIENT);
            }
            if (response.statusCode() != 200) {
                throw new IOException("NDXP answered HTTP " + response.statusCode());
            }
            NationalCategoryService.Changes changes = json.readValue(response.body(), NationalCategoryService.Changes.class);
            if (changes.changeSets() == null) {
                throw new IOException("the answer carries no changeSets");
            }
            return changes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private String problemsJson(List<ChangeSetProblem> problems) {
        try {
            return json.writeValueAsString(problems);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
