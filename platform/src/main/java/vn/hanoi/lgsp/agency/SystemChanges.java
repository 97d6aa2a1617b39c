package vn.hanoi.lgsp.agency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.hanoi.lgsp.audit.AuditEntry;
import vn.hanoi.lgsp.audit.AuditJournal;

/**
 * A change of where the LGSP reaches an agency's system, of its signing key or of how it is
 * polled is a request: a DOST operator asks, a DOST leader approves or refuses it in Tasklist
 * (process {@code system-change}), and only then is it applied. The requester can never approve
 * their own request. Request, decision and the applied old and new values are journaled.
 */
@Component("systemChanges")
public class SystemChanges {

    /** A DOST leader decides on a requested system change within this many hours. */
    public static final int APPROVAL_HOURS = 24;

    /** Due date of the leader's decision ({@code ${systemChanges.approvalDue()}}). */
    public java.util.Date approvalDue() {
        return java.util.Date.from(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant()
                .plus(java.time.Duration.ofHours(APPROVAL_HOURS)));
    }

    public static final String PROCESS_KEY = "system-change";

    /** A request and where it stands. */
    public record Change(UUID id, String agencyCode, Map<String, Object> proposed, Map<String, Object> current,
                         String requestedBy, Instant requestedAt, String status, String decidedBy, Instant decidedAt,
                         String decisionNote) {
    }

    private final JdbcTemplate jdbc;
    private final AgencySystems systems;
    private final RuntimeService runtime;
    private final IdentityService identity;
    private final AuditJournal journal;
    private final ObjectMapper json;

    SystemChanges(JdbcTemplate jdbc, AgencySystems systems, RuntimeService runtime, IdentityService identity,
                  AuditJournal journal, ObjectMapper json) {
        this.jdbc = jdbc;
        this.systems = systems;
        this.runtime = runtime;
        this.identity = identity;
        this.journal = journal;
        this.json = json;
    }

    /**
     * Checks the proposed registration at once (bad input is refused now, not at approval) and
     * opens the request for DOST's leaders.
     *
     * @return the request, or empty when the proposal is what is registered already
     */
    @Transactional
    public Optional<Change> request(AgencySystem proposed, String requester) {
        systems.validate(proposed);
        Optional<AgencySystem> current = systems.find(proposed.agencyCode());
        if (current.isPresent() && sameAs(current.get(), proposed)) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into lgsp.system_change (id, agency_code, proposed, current_value, requested_by)
                values (?, ?, ?::jsonb, ?::jsonb, ?)""", id, proposed.agencyCode(), write(proposed),
                current.map(this::write).orElse(null), requester);
        Map<String, Object> variables = new HashMap<>();
        variables.put("changeId", id.toString());
        variables.put("agencyCode", proposed.agencyCode());
        variables.put("requestedBy", requester);
        variables.put("currentSummary", current.map(SystemChanges::summary).orElse("(chưa đăng ký)"));
        variables.put("proposedSummary", summary(proposed));
        runtime.startProcessInstanceByKey(PROCESS_KEY, id.toString(), variables);
        journal.append(new AuditEntry(Instant.now(), AuditEntry.ActorKind.STAFF, requester, null,
                "agency.system.change-requested", proposed.agencyCode(), "00", null,
                Map.of("change", id.toString(), "proposed", AgencySystems.journaled(proposed))));
        return find(id);
    }

    /** Task listener on the approval task: who decided, from the engine's own authentication. */
    public void recordDecider(DelegateTask task) {
        var authentication = identity.getCurrentAuthentication();
        String decider = authentication != null ? authentication.getUserId() : task.getAssignee();
        task.setVariable("decidedBy", decider == null ? "unknown" : decider);
    }

    /** After the leader's decision: apply it, or not. */
    public void decide(DelegateExecution execution) {
        UUID id = UUID.fromString((String) execution.getVariable("changeId"));
        Change change = find(id).orElseThrow(() -> new IllegalStateException("no system change " + id));
        if (!"PENDING".equals(change.status())) {
            return;
        }
        String decider = (String) execution.getVariable("decidedBy");
        String note = (String) execution.getVariable("decisionNote");
        boolean approved = "APPROVE".equals(execution.getVariable("decision"));
        if (approved && change.requestedBy().equals(decider)) {
            approved = false;
            note = "Không được tự phê duyệt yêu cầu của chính mình (a request is approved by another person than "
                    + "its requester)";
        }
        if (approved) {
            AgencySystem proposed = json.convertValue(change.proposed(), AgencySystem.class);
            try {
                systems.register(proposed, AuditEntry.ActorKind.STAFF, decider,
                        Map.of("change", id.toString(), "requestedBy", change.requestedBy(), "approvedBy", decider));
            } catch (vn.hanoi.lgsp.contract.ApiException refused) {
                // checked again when applied: the agency may have closed, or the policy changed meanwhile
                approved = false;
                note = "Không áp dụng được: " + refused.getMessage();
            }
        }
        jdbc.update("""
                update lgsp.system_change set status = ?, decided_by = ?, decided_at = now(), decision_note = ?
                where id = ?""", approved ? "APPROVED" : "REJECTED", decider,
                note == null ? null : note.substring(0, Math.min(note.length(), 1000)), id);
        execution.setVariable("approved", approved);
        journal.append(new AuditEntry(Instant.now(), AuditEntry.ActorKind.STAFF, decider == null ? "unknown" : decider,
                null, approved ? "agency.system.change-approved" : "agency.system.change-rejected", change.agencyCode(),
                "00", null, Map.of("change", id.toString(), "requestedBy", change.requestedBy())));
    }

    public Optional<Change> find(UUID id) {
        return jdbc.query("select * from lgsp.system_change where id = ?", (rs, n) -> changeOf(rs), id)
                .stream().findFirst();
    }

    public List<Change> of(String agencyCode) {
        return jdbc.query("select * from lgsp.system_change where agency_code = ? order by requested_at desc limit 100",
                (rs, n) -> changeOf(rs), agencyCode);
    }

    private Change changeOf(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new Change(rs.getObject("id", UUID.class), rs.getString("agency_code"), read(rs.getString("proposed")),
                read(rs.getString("current_value")), rs.getString("requested_by"),
                rs.getTimestamp("requested_at").toInstant(), rs.getString("status"), rs.getString("decided_by"),
                decided == null ? null : decided.toInstant(), rs.getString("decision_note"));
    }

    private static boolean sameAs(AgencySystem current, AgencySystem proposed) {
        String base = proposed.baseUrl().endsWith("/") ? proposed.baseUrl().substring(0, proposed.baseUrl().length() - 1)
                : proposed.baseUrl();
        return new AgencySystem(proposed.agencyCode(), base, proposed.pushEnabled(), proposed.signingKeyJwk(),
                proposed.signatureRequired(), proposed.statusLevel2(), proposed.pollIntervalSeconds()).equals(current);
    }

    /** What the leader reads in the task: the values, the key only as set or not. */
    private static String summary(AgencySystem s) {
        return s.baseUrl() + (s.pushEnabled() ? " · đẩy hồ sơ" : " · hệ thống tự lấy hồ sơ")
                + (s.signatureRequired() ? " · bắt buộc ký số" : "")
                + (s.signingKeyJwk() == null || s.signingKeyJwk().isBlank() ? "" : " · có khóa ký số")
                + " · kiểm tra mỗi " + s.pollIntervalSeconds() + " giây";
    }

    private String write(AgencySystem system) {
        try {
            return json.writeValueAsString(system);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(String text) {
        try {
            return text == null ? null : json.readValue(text, LinkedHashMap.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
