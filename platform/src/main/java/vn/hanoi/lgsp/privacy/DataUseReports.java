package vn.hanoi.lgsp.privacy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.privacy.DataUseReportProcess.Variables;

/**
 * A citizen's report that one use of their data was a misuse: kept, and handed to DOST's
 * operators as a task with the entry referenced; the answer is shown back to the citizen. The
 * process carries the entry and the citizen's words, never who the citizen is.
 */
@Service
class DataUseReports {

    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
            .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));
    /** Reports one person may open in a day: enough for any honest use, not a flood of DOST tasks. */
    static final int PER_DAY = 10;
    static final int MESSAGE_LIMIT = 2000;

    record Report(UUID id, DataUseEntry.Kind kind, String reference, Instant entryAt, String agencyCode,
                  String serviceCode, String message, String status, String answer, Instant createdAt,
                  Instant answeredAt) {
    }

    private final JdbcTemplate jdbc;
    private final RuntimeService runtime;

    DataUseReports(JdbcTemplate jdbc, RuntimeService runtime) {
        this.jdbc = jdbc;
        this.runtime = runtime;
    }

    /** Opens the report and DOST's task, once per entry: reporting the same entry again finds the first. */
    @Transactional
    Report open(String subject, DataUseEntry entry, String message) {
        String text = message == null ? "" : message.strip();
        if (text.isEmpty() || text.length() > MESSAGE_LIMIT) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Hãy cho biết vì sao bạn cho rằng dữ liệu bị sử dụng sai "
                    + "mục đích (tối đa " + MESSAGE_LIMIT + " ký tự)");
        }
        List<Report> existing = jdbc.query("select * from lgsp.data_use_report where subject_hash = ? and entry_kind = ?"
                + " and entry_reference = ?", this::map, subject, entry.kind().name(), entry.reference());
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        Integer today = jdbc.queryForObject("select count(*) from lgsp.data_use_report where subject_hash = ?"
                + " and created_at > now() - interval '1 day'", Integer.class, subject);
        if (today != null && today >= PER_DAY) {
            throw new ApiException(ErrorCode.RATE_LIMITED, "Bạn đã gửi " + PER_DAY + " phản ánh trong 24 giờ qua; "
                    + "Sở Khoa học và Công nghệ đang xem xét, hãy gửi tiếp sau");
        }
        UUID id = UUID.randomUUID();
        int inserted = jdbc.update("""
                insert into lgsp.data_use_report (id, subject_hash, entry_kind, entry_reference, entry_at, agency_code,
                    service_code, message, status) values (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')
                on conflict (subject_hash, entry_kind, entry_reference) do nothing""",
                id, subject, entry.kind().name(), entry.reference(), Timestamp.from(entry.at()), entry.agencyCode(),
                entry.serviceCode(), text);
        if (inserted == 0) {
            // the same entry posted twice at once: the first report stands
            return jdbc.query("select * from lgsp.data_use_report where subject_hash = ? and entry_kind = ?"
                    + " and entry_reference = ?", this::map, subject, entry.kind().name(), entry.reference()).get(0);
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.REPORT_ID, id.toString());
        variables.put(Variables.ENTRY_KIND, entry.kind().label());
        variables.put(Variables.ENTRY_AT, SHOWN.format(entry.at()));
        variables.put(Variables.ENTRY_REFERENCE, entry.reference());
        variables.put(Variables.AGENCY_CODE, entry.agencyCode());
        variables.put(Variables.AGENCY_NAME, entry.agencyName());
        variables.put(Variables.SERVICE_NAME, entry.serviceName());
        variables.put(Variables.PURPOSE, entry.purpose() == null ? "" : entry.purpose());
        variables.put(Variables.MESSAGE, text);
        variables.put(Variables.ANSWER_DUE, java.util.Date.from(Instant.now().plus(
                Duration.ofHours(DataUseReportProcess.ANSWER_HOURS))));
        String instance = runtime.startProcessInstanceByKey(DataUseReportProcess.PROCESS_KEY, id.toString(), variables)
                .getId();
        jdbc.update("update lgsp.data_use_report set process_instance_id = ? where id = ?", instance, id);
        return find(id);
    }

    /** DOST's answer, as the citizen will read it. */
    void answered(UUID id, String finding, String answer, String by) {
        jdbc.update("update lgsp.data_use_report set status = 'ANSWERED', answer = ?, answered_by = ?,"
                        + " answered_at = now() where id = ? and status = 'OPEN'",
                (DataUseReportProcess.MISUSE_CONFIRMED.equals(finding) ? "Đã xác nhận có sử dụng sai. " : "")
                        + (answer == null ? "" : answer.strip()), by, id);
    }

    /** The person's reports, newest first. */
    List<Report> of(String subject) {
        return jdbc.query("select * from lgsp.data_use_report where subject_hash = ? order by created_at desc limit 100",
                this::map, subject);
    }

    Report find(UUID id) {
        return jdbc.queryForObject("select * from lgsp.data_use_report where id = ?", this::map, id);
    }

    private Report map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Timestamp answered = rs.getTimestamp("answered_at");
        return new Report(rs.getObject("id", UUID.class), DataUseEntry.Kind.valueOf(rs.getString("entry_kind")),
                rs.getString("entry_reference"), rs.getTimestamp("entry_at").toInstant(), rs.getString("agency_code"),
                rs.getString("service_code"), rs.getString("message"), rs.getString("status"), rs.getString("answer"),
                rs.getTimestamp("created_at").toInstant(), answered == null ? null : answered.toInstant());
    }
}
