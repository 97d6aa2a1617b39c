package vn.hanoi.lgsp.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.support.ProcessTest;

/**
 * The model {@code data-use-report} on the engine alone: a citizen's report of one entry is DOST's
 * task, due in 72 hours, with the entry and the citizen's words and nothing that names the citizen;
 * DOST's answer is kept for the citizen's page. The same entry reported twice is one report.
 */
class DataUseReportProcessTest extends ProcessTest {

    @Autowired
    DataUseReports reports;

    private static DataUseEntry entry() {
        return new DataUseEntry(DataUseEntry.Kind.GATEWAY_CALL, "tx-" + UUID.randomUUID(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), "000.00.61.H26", "Ủy ban nhân dân phường Hoàn Kiếm",
                "csdl-dan-cu", "Tra cứu Cơ sở dữ liệu quốc gia về dân cư", "Xác minh nhân thân", "can***em", true);
    }

    @Test
    void aReportIsDostsTaskAndItsAnswerIsKeptForTheCitizen() {
        String subject = "a".repeat(64);
        DataUseEntry entry = entry();
        DataUseReports.Report report = reports.open(subject, entry, "  Tôi không nộp hồ sơ nào  ");
        assertThat(report.status()).isEqualTo("OPEN");
        assertThat(report.message()).isEqualTo("Tôi không nộp hồ sơ nào");
        assertThat(reports.open(subject, entry, "lần nữa").id()).as("the same entry again").isEqualTo(report.id());

        ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(report.id().toString()).singleResult();
        execute(job(instance));
        assertThat(instance).isWaitingAt("Task_DostReviews");
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(task.getDueDate().toInstant()).isBetween(Instant.now().plus(Duration.ofHours(71)),
                Instant.now().plus(Duration.ofHours(73)));
        assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).taskCandidateGroup("dost-operators")
                .count()).isOne();
        Map<String, Object> variables = engine.getRuntimeService().getVariables(instance.getId());
        assertThat(variables).containsEntry("entryReference", entry.reference()).containsEntry("agencyCode", "000.00.61.H26")
                .containsEntry("message", "Tôi không nộp hồ sơ nào").doesNotContainKey("subject");
        assertThat(variables.values()).noneMatch(v -> String.valueOf(v).contains(subject));

        engine.getTaskService().complete(task.getId(), Map.of("finding", DataUseReportProcess.MISUSE_CONFIRMED,
                "answer", "Cán bộ đã tra cứu không đúng mục đích; Sở đã yêu cầu phường xử lý"));
        assertThat(instance).isEnded();
        DataUseReports.Report answered = reports.find(report.id());
        assertThat(answered.status()).isEqualTo("ANSWERED");
        assertThat(answered.answer()).startsWith("Đã xác nhận có sử dụng sai.").contains("yêu cầu phường xử lý");
        assertThat(reports.of(subject)).extracting(DataUseReports.Report::id).containsExactly(report.id());
    }

    @Test
    void anEmptyReportOrAFloodOfThemIsRefused() {
        String subject = "b".repeat(64);
        assertThatThrownBy(() -> reports.open(subject, entry(), "   ")).isInstanceOf(ApiException.class)
                .hasMessageContaining("vì sao");
        for (int i = 0; i < DataUseReports.PER_DAY; i++) {
            reports.open(subject, entry(), "phản ánh " + i);
        }
        assertThatThrownBy(() -> reports.open(subject, entry(), "một lần nữa")).isInstanceOf(ApiException.class)
                .hasMessageContaining("24 giờ");
    }
}
