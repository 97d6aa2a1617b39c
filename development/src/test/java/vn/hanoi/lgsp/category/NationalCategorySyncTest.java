package vn.hanoi.lgsp.category;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.hanoi.lgsp.simulators.Simulators;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;
import vn.hanoi.lgsp.workercontract.NationalCategoryService.Change;
import vn.hanoi.lgsp.workercontract.NationalCategoryService.ChangeSet;
import vn.hanoi.lgsp.workercontract.NationalCategoryService.Kinds;

/**
 * The national category lists kept in sync through NDXP (Đ6.1.2.b, Đ10.3, R-12): the NDXP
 * simulator publishes change sets as the national category service would; the LGSP applies each
 * as a new version with its effective date, announces it, asks DOST about what used an old
 * code, keeps history readable, and refuses a bad set whole.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class NationalCategorySyncTest extends PlatformTest {

    private static final String RENAMED = "09706";
    private static final String KEPT = "09739";
    private static final String MERGED_AWAY = "09772";

    @Autowired
    Simulators simulators;
    @Autowired
    NationalCategorySync sync;
    @Autowired
    CategoryLists lists;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService tasks;

    @Test
    @org.junit.jupiter.api.Order(1)
    void aCommuneRenamedAndTwoMergedBecomeANewVersionANoticeAndADostTask() {
        LocalDate effective = LocalDate.now().minusDays(10);
        String dossier = "HS-SAP-NHAP-" + UUID.randomUUID().toString().substring(0, 8);
        // a result on its way by post to the commune that is merged away
        jdbc.update("""
                insert into lgsp.postal_shipment (id, agency_code, dossier_number, procedure_code, service_level, request_hash,
                    province_code, ward_code, items, item_count, weight_grams, status, delivery_due)
                values (?, '000.00.13.H26', ?, '1.001193.000.00.00.H26', 'STANDARD', repeat('a', 64), '01', ?, '[]'::jsonb,
                    1, 50, 'IN_TRANSIT', now() + interval '3 days')""", UUID.randomUUID(), dossier, MERGED_AWAY);
        int before = lists.currentVersion(CategoryLists.ADMINISTRATIVE_UNITS);

        int version = simulators.ndxp().publishCategoryChange(CategoryLists.ADMINISTRATIVE_UNITS, new ChangeSet(0, effective,
                "Nghị quyết sắp xếp đơn vị hành chính (mô phỏng)", List.of(
                        new Change(Kinds.RENAMED, RENAMED, "Xã Yên Bài Thượng", "COMMUNE", "01", null),
                        new Change(Kinds.MERGED, KEPT, "Xã Phúc Lộc Hát Môn", "COMMUNE", "01", List.of(KEPT, MERGED_AWAY)))));

        NationalCategorySync.ListResult result = sync.sync(CategoryLists.ADMINISTRATIVE_UNITS);

        assertThat(result.applied()).as(result.toString()).containsExactly(version);
        assertThat(version).isEqualTo(before + 1);
        assertThat(lists.versions(CategoryLists.ADMINISTRATIVE_UNITS).get(0).effectiveDate()).isEqualTo(effective);

        String token = keycloak.clientToken(Keycloak.JUSTICE_SYSTEM);
        Api.Reply now = api.get("/api/v1/categories/administrative-units?parent=01&q=" + RENAMED, token);
        assertThat(now.body().path("entries").findValuesAsText("name")).containsExactly("Xã Yên Bài Thượng");
        Api.Reply earlier = api.get("/api/v1/categories/administrative-units?parent=01&q=" + RENAMED + "&at="
                + effective.minusDays(1), token);
        assertThat(earlier.body().path("entries").findValuesAsText("name")).containsExactly("Xã Yên Bài");
        assertThat(api.get("/api/v1/categories/administrative-units?q=" + MERGED_AWAY, token)
                .body().path("total").asInt()).as("merged away: no longer in force").isZero();
        assertThat(api.get("/api/v1/categories/administrative-units?q=" + MERGED_AWAY + "&at=" + effective.minusDays(1), token)
                .body().path("entries").findValuesAsText("name")).containsExactly("Xã Hát Môn");
        assertThat(jdbc.queryForObject("select successor_code from lgsp.administrative_unit_succession"
                + " where predecessor_code = ?", String.class, MERGED_AWAY)).isEqualTo(KEPT);

        Api.Reply notices = api.get("/api/v1/notices?kind=CATEGORY_CHANGE", null);
        assertThat(notices.body().findValuesAsText("title")).anyMatch(t -> t.contains(RENAMED) && t.contains("Yên Bài Thượng"))
                .anyMatch(t -> t.contains(MERGED_AWAY) && t.contains(KEPT));

        List<Task> open = tasks.createTaskQuery().taskCandidateGroup("dost-operators")
                .taskId("category-administrative-units-" + version).list();
        assertThat(open).hasSize(1);
        assertThat(open.get(0).getDescription()).contains(dossier).contains(MERGED_AWAY);

        // pulled again: nothing new, nothing applied twice
        assertThat(sync.sync(CategoryLists.ADMINISTRATIVE_UNITS).applied()).isEmpty();
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void aUnitSplitKeepingItsCodeAppliesAndConflictingChangesAreRefused() {
        LocalDate effective = LocalDate.now().minusDays(5);
        int split = simulators.ndxp().publishCategoryChange(CategoryLists.ADMINISTRATIVE_UNITS, new ChangeSet(0, effective,
                null, List.of(
                        new Change(Kinds.SPLIT, "09784", "Xã Đan Phượng", "COMMUNE", "01", List.of("09784")),
                        new Change(Kinds.SPLIT, "99001", "Xã Tân Hội", "COMMUNE", "01", List.of("09784")))));
        assertThat(sync.sync(CategoryLists.ADMINISTRATIVE_UNITS).applied()).containsExactly(split);
        assertThat(jdbc.queryForObject("select count(*) from lgsp.administrative_unit where code in ('09784', '99001')"
                + " and valid_to is null", Integer.class)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from lgsp.administrative_unit where code = '09784'", Integer.class))
                .as("the old version closed, the new one open").isEqualTo(2);

        int conflicting = simulators.ndxp().publishCategoryChange(CategoryLists.ADMINISTRATIVE_UNITS, new ChangeSet(0,
                LocalDate.now().minusDays(2), null, List.of(
                        new Change(Kinds.MERGED, "09694", "Xã Suối Hai Ba Vì", "COMMUNE", "01", List.of("09694", "09700")),
                        new Change(Kinds.RENAMED, "09700", "Xã Ba Vì Mới", "COMMUNE", "01", null),
                        new Change(Kinds.ESTABLISHED, "99002", "Xã Mới", "COMMUNE", "79x", List.of("09715")))));
        NationalCategorySync.ListResult refused = sync.sync(CategoryLists.ADMINISTRATIVE_UNITS);
        assertThat(refused.refusedVersion()).isEqualTo(conflicting);
        assertThat(refused.problems()).extracting(ChangeSetProblem::field)
                .contains("changes[1].code", "changes[2].predecessors", "changes[2].parentCode");
        assertThat(jdbc.queryForObject("select name from lgsp.administrative_unit where code = '09700' and valid_to is null",
                String.class)).as("nothing of a refused set applied").isEqualTo("Xã Ba Vì");

        // the national service corrects the set: the same version, applied on the next pull
        simulators.ndxp().replaceCategoryChange(CategoryLists.ADMINISTRATIVE_UNITS, conflicting, new ChangeSet(0,
                LocalDate.now().minusDays(2), null, List.of(
                        new Change(Kinds.MERGED, "09694", "Xã Suối Hai Ba Vì", "COMMUNE", "01", List.of("09694", "09700")))));
        assertThat(sync.sync(CategoryLists.ADMINISTRATIVE_UNITS).applied()).containsExactly(conflicting);
        assertThat(sync.sync(CategoryLists.ADMINISTRATIVE_UNITS).refusedVersion()).isNull();
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void aChangeSetWithAMalformedCodeIsRefusedWholeWithEveryProblemNamed() {
        int before = lists.currentVersion(CategoryLists.AGENCIES);
        LocalDate established = LocalDate.now().minusDays(5);
        int version = simulators.ndxp().publishCategoryChange(CategoryLists.AGENCIES, new ChangeSet(0, established,
                null, List.of(
                        new Change(Kinds.ESTABLISHED, "000.00.87.H26", "Sở Thử nghiệm", null, null, null),
                        new Change(Kinds.ESTABLISHED, "H26-BAD", "Mã sai", null, null, null),
                        new Change(Kinds.RENAMED, "000.00.88.H26", "Sở Đổi tên", null, null, List.of()))));

        NationalCategorySync.ListResult result = sync.sync(CategoryLists.AGENCIES);

        assertThat(result.applied()).isEmpty();
        assertThat(result.problems()).extracting(ChangeSetProblem::field)
                .contains("changes[1].code", "changes[2].predecessors");
        assertThat(lists.currentVersion(CategoryLists.AGENCIES)).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from lgsp.agency where code = '000.00.87.H26'", Integer.class))
                .as("the valid change of a refused set is not applied either").isZero();
        Api.Reply versions = api.get("/api/v1/categories/agencies/versions", keycloak.clientToken(Keycloak.JUSTICE_SYSTEM));
        assertThat(versions.body().path("refused").get(0).path("problems").asText()).contains("H26-BAD");
        sync.sync(CategoryLists.AGENCIES);
        assertThat(lists.refusals(CategoryLists.AGENCIES)).as("refused again, recorded once").hasSize(1);

        // corrected: two new bodies; then one of them renamed, which closes it and asks DOST about what it had
        simulators.ndxp().replaceCategoryChange(CategoryLists.AGENCIES, version, new ChangeSet(0, established, null, List.of(
                new Change(Kinds.ESTABLISHED, "000.00.87.H26", "Sở Thử nghiệm", null, null, null),
                new Change(Kinds.ESTABLISHED, "000.00.88.H26", "Sở Đổi tên", null, null, null))));
        int renamed = simulators.ndxp().publishCategoryChange(CategoryLists.AGENCIES, new ChangeSet(0,
                LocalDate.now().minusDays(1), null, List.of(
                        new Change(Kinds.RENAMED, "000.00.89.H26", "Sở Đã đổi tên", null, null, List.of("000.00.88.H26")))));
        assertThat(sync.sync(CategoryLists.AGENCIES).applied()).containsExactly(version, renamed);
        assertThat(jdbc.queryForMap("select status, closure_reason from lgsp.agency where code = '000.00.88.H26'"))
                .containsEntry("status", "CLOSED").containsEntry("closure_reason", "RENAMED");
        assertThat(jdbc.queryForObject("select successor_code from lgsp.agency_succession where predecessor_code = ?",
                String.class, "000.00.88.H26")).isEqualTo("000.00.89.H26");

        // a set dated tomorrow waits for its day: neither applied nor refused
        int future = simulators.ndxp().publishCategoryChange(CategoryLists.AGENCIES, new ChangeSet(0,
                LocalDate.now().plusDays(1), null, List.of(new Change(Kinds.CLOSED, "000.00.87.H26", null, null, null, null))));
        NationalCategorySync.ListResult waiting = sync.sync(CategoryLists.AGENCIES);
        assertThat(waiting.applied()).isEmpty();
        assertThat(waiting.refusedVersion()).isNull();
        assertThat(waiting.error()).contains("version " + future);
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void onlyDostMaySyncOnDemand() {
        Api.Reply agency = api.postJson("/api/v1/categories/sync", keycloak.clientToken(Keycloak.JUSTICE_SYSTEM), "{}");
        Api.Reply anonymous = api.postJson("/api/v1/categories/sync", null, "{}");

        assertThat(agency.status()).isEqualTo(403);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(api.postJson("/api/v1/categories/sync", keycloak.operatorToken(), "{}").status()).isEqualTo(200);
    }
}
