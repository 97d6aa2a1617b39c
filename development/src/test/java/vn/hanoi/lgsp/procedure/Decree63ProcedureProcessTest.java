package vn.hanoi.lgsp.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.support.ProcessTest;

/**
 * R-26 (Đ7.1, Đ6.1.3.đ): every path of the two liên thông procedures of Decree
 * 63/2024, as an analyst deploys them (files of {@code procedures/nghi-dinh-63/}, checked by the
 * deployment policy) and tries them in the test environment: each record answers with the outcome
 * the case's data chooses for its destination, and the test plays the ward's staff and the
 * engine's job executor.
 */
class Decree63ProcedureProcessTest extends ProcessTest {

    private static final String BIRTH = "lien-thong-khai-sinh";
    private static final String DEATH = "lien-thong-khai-tu";
    private static final String POLICE = "testOutcome_000_00_00_G01";
    private static final String INSURANCE = "testOutcome_000_00_21_G12";
    private static final String JUSTICE = "testOutcome_000_00_13_H26";
    private static final List<String> DRIVEN = List.of(BIRTH, DEATH, "lgsp-block-send-record", "lgsp-block-postal-return",
            "lgsp-block-notify");

    @Autowired
    IdentityService identity;
    @Autowired
    RepositoryService repository;
    @Autowired
    ProcedureCases cases;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    ModelReleases releases;

    @BeforeEach
    void deployedAsAnAnalystWould() throws IOException {
        for (String key : List.of(BIRTH, DEATH)) {
            if (releases.testingProcess(key).isPresent()) {
                continue;
            }
            String folder = key.equals(BIRTH) ? "khai-sinh" : "khai-tu";
            identity.setAuthentication("analyst", List.of("process-analysts"));
            try (Stream<Path> files = Files.list(Path.of("procedures", "nghi-dinh-63", folder))) {
                DeploymentBuilder deployment = repository.createDeployment().name(key);
                for (Path file : files.toList()) {
                    deployment.addInputStream(file.getFileName().toString(), Files.newInputStream(file));
                }
                deployment.deploy();
            } finally {
                identity.clearAuthentication();
            }
        }
    }

    @AfterEach
    void clockBack() {
        ClockUtil.reset();
    }

    // ---- khai sinh -> thường trú -> thẻ BHYT ----

    @Test
    void aBirthIsRegisteredResidenceRecordedCardIssuedAndTheResultPosted() {
        String instance = start(BIRTH, Map.of("daCoTheBhyt", false), true);
        checkedBy("HOP_LE", instance);
        assertThat(passed(instance)).contains("Call_Birth", "Call_Residence", "Task_DecideCard", "Call_Card", "Call_Postal",
                "Call_NotifyDone", "End_Completed").doesNotContain("Task_Refused");
        assertThat(ended(instance)).isTrue();
    }

    @Test
    void aChildWithACardAlreadyAndNoPostGetsNeither() {
        String instance = start(BIRTH, Map.of("daCoTheBhyt", true), false);
        checkedBy("HOP_LE", instance);
        assertThat(passed(instance)).contains("Call_Residence", "Flow_NoCard", "Flow_NoPost", "End_Completed")
                .doesNotContain("Call_Card", "Call_Postal");
    }

    @Test
    void thePoliceRefusingResidenceSendsTheCaseBackToTheWardWithTheReason() {
        String instance = start(BIRTH, Map.of(POLICE, "REFUSED"), false);
        checkedBy("HOP_LE", instance);
        Task refused = task(instance, "Task_Refused");
        assertThat((String) tasks.getVariable(refused.getId(), "lyDoTuChoi")).contains("000.00.00.G01").contains("REFUSED");
        assertThat(tasks.getVariable(refused.getId(), "maLoi")).isEqualTo("RECORD_REFUSED");
        assertThat(tasks.createTaskQuery().taskId(refused.getId()).taskCandidateUser("analyst").count()).isEqualTo(1);
        complete(refused, Map.of("daBaoNguoiNop", true));
        assertThat(passed(instance)).contains("Call_Birth", "End_Refused").doesNotContain("Task_DecideCard", "Call_Card");
    }

    @Test
    void aBirthRegistrationPastItsDeadlineComesBackToTheWard() {
        String instance = start(BIRTH, Map.of(JUSTICE, "EXPIRED"), false);
        checkedBy("HOP_LE", instance);
        Task refused = task(instance, "Task_Refused");
        assertThat(tasks.getVariable(refused.getId(), "maLoi")).isEqualTo("RECORD_EXPIRED");
        complete(refused, Map.of());
        assertThat(passed(instance)).contains("End_Refused").doesNotContain("Call_Residence");
    }

    @Test
    void anIncompleteDossierIsReturnedForCompletion() {
        String instance = start(BIRTH, Map.of(), false);
        checkedBy("CHUA_HOP_LE", instance);
        complete(task(instance, "Task_Supplement"), Map.of("daBaoNguoiNop", true));
        assertThat(passed(instance)).contains("End_NotValid").doesNotContain("Call_Birth");
    }

    @Test
    void aDossierUncheckedForTwoWorkingDaysRemindsTheWard() {
        String instance = start(BIRTH, Map.of(), false);
        Task check = task(instance, "Task_Check");
        assertThat(check.getDueDate()).isNotNull();
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(10))));
        drive();
        assertThat(passed(instance)).contains("Timer_CheckLate", "Call_RemindLate", "End_Reminded");
        // the reminder does not take the dossier away from the ward
        assertThat(tasks.createTaskQuery().taskId(check.getId()).count()).isEqualTo(1);
        ClockUtil.reset();
        checkedBy("HOP_LE", instance);
        assertThat(passed(instance)).contains("End_Completed");
    }

    // ---- khai tử -> xóa thường trú -> mai táng phí, tử tuất ----

    @Test
    void anInsuredPersonsFuneralAllowanceIsSettledBySocialInsurance() {
        String instance = start(DEATH, Map.of("coThamGiaBhxh", true), true);
        checkedBy("HOP_LE", instance);
        assertThat(passed(instance)).contains("Call_Death", "Call_Residence", "Task_DecideBenefit", "Call_Funeral",
                "Call_Postal", "End_Completed").doesNotContain("Task_WardFuneral");
    }

    @Test
    void anUninsuredPersonsFuneralAllowanceIsSettledByTheWard() {
        String instance = start(DEATH, Map.of("coThamGiaBhxh", false), false);
        checkedBy("HOP_LE", instance);
        Task funeral = task(instance, "Task_WardFuneral");
        assertThat(tasks.createTaskQuery().taskId(funeral.getId()).taskCandidateUser("analyst").count()).isEqualTo(1);
        complete(funeral, Map.of("soQuyetDinhMaiTang", "125/QĐ-UBND"));
        assertThat(passed(instance)).contains("Task_WardFuneral", "End_Completed").doesNotContain("Call_Funeral");
    }

    @Test
    void socialInsuranceRefusingTheAllowanceSendsTheCaseBack() {
        String instance = start(DEATH, Map.of("coThamGiaBhxh", true, INSURANCE, "REFUSED"), false);
        checkedBy("HOP_LE", instance);
        Task refused = task(instance, "Task_Refused");
        assertThat((String) tasks.getVariable(refused.getId(), "lyDoTuChoi")).contains("000.00.21.G12");
        complete(refused, Map.of());
        assertThat(passed(instance)).contains("Call_Residence", "Call_Funeral", "End_Refused");
    }

    @Test
    void anUndeliverableRemovalOfResidenceSendsTheCaseBack() {
        String instance = start(DEATH, Map.of(POLICE, "UNDELIVERABLE"), false);
        checkedBy("HOP_LE", instance);
        Task refused = task(instance, "Task_Refused");
        assertThat(tasks.getVariable(refused.getId(), "maLoi")).isEqualTo("RECORD_UNDELIVERABLE");
        complete(refused, Map.of());
        assertThat(passed(instance)).contains("End_Refused").doesNotContain("Task_DecideBenefit");
    }

    @Test
    void anIncompleteDeathDossierIsReturned() {
        String instance = start(DEATH, Map.of(), false);
        checkedBy("CHUA_HOP_LE", instance);
        complete(task(instance, "Task_Supplement"), Map.of());
        assertThat(passed(instance)).contains("End_NotValid");
    }

    // ---- the test's hands ----

    private String start(String key, Map<String, Object> data, boolean byPost) {
        String caseNumber = "ND63-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] form = "{\"hoTen\":\"Nguyễn Minh An\",\"ngaySinh\":\"2026-11-30\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<ProcedureCases.Document> documents = new ArrayList<>();
        for (String name : List.of("to-khai", "giay-chung-sinh", "giay-bao-tu")) {
            documents.add(new ProcedureCases.Document(name, "application/json", Base64.getEncoder().encodeToString(form),
                    PlatformModels.sha256(form)));
        }
        ProcedureCases.Postal postal = byPost ? new ProcedureCases.Postal("Nguyễn Văn An", "0912345678",
                "Số 12 phố Hàng Bạc", "01", "00070") : null;
        ProcedureCases.Started started = cases.start(key, null, "analyst", ProcedureCases.Environment.TEST, true,
                new ProcedureCases.StartRequest(caseNumber, new HashMap<>(data), documents, postal));
        assertThat(started.started().environment()).isEqualTo(ProcedureCases.Environment.TEST);
        return cases.find(started.started().id()).orElseThrow().processInstanceId();
    }

    private void checkedBy(String conclusion, String instance) {
        Task check = task(instance, "Task_Check");
        assertThat(tasks.createTaskQuery().taskId(check.getId()).taskCandidateUser("analyst").count()).isEqualTo(1);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("ketLuan", conclusion);
        values.put("ghiChu", "Kiểm tra ngày " + ClockUtil.getCurrentTime());
        complete(check, values);
    }

    private void complete(Task task, Map<String, Object> values) {
        tasks.complete(task.getId(), values);
        drive();
    }

    private Task task(String instance, String activity) {
        drive();
        Task task = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(activity).singleResult();
        assertThat(task).as(activity + " waiting; passed so far: " + passed(instance)).isNotNull();
        return task;
    }

    /** The job executor's work, done here: the blocks' asynchronous starts and due timers, until none is left. */
    private void drive() {
        for (int round = 0; round < 100; round++) {
            List<Job> due = new ArrayList<>();
            for (String key : DRIVEN) {
                due.addAll(management.createJobQuery().processDefinitionKey(key).executable().list());
            }
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> management.executeJob(job.getId()));
        }
        throw new AssertionError("the jobs did not settle");
    }

    private List<String> passed(String instance) {
        List<String> ids = new ArrayList<>();
        history.createHistoricActivityInstanceQuery().processInstanceId(instance).list()
                .forEach(a -> ids.add(a.getActivityId()));
        history.createHistoricDetailQuery().processInstanceId(instance).list();
        // sequence flows taken show as the gateways' outgoing activity; record default-flow names through their targets
        if (ids.contains("Gateway_CardJoin") && !ids.contains("Call_Card")) {
            ids.add("Flow_NoCard");
        }
        if (ids.contains("Gateway_PostJoin") && !ids.contains("Call_Postal")) {
            ids.add("Flow_NoPost");
        }
        return ids;
    }

    private boolean ended(String instance) {
        return history.createHistoricProcessInstanceQuery().processInstanceId(instance).finished().count() == 1;
    }
}
