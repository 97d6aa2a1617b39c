package vn.hanoi.lgsp.category;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.notice.NoticeBoard;
import vn.hanoi.lgsp.notice.NoticeKind;
import vn.hanoi.lgsp.workercontract.NationalCategoryService.Change;
import vn.hanoi.lgsp.workercontract.NationalCategoryService.ChangeSet;
import vn.hanoi.lgsp.workercontract.NationalCategoryService.Kinds;

/**
 * What people hear of a national list change (Đ10.3: results are announced on the portal): a
 * public notice for each unit or agency renamed, merged, split or closed, and — when something
 * on the platform still uses an old code — a task for DOST's operators to decide what becomes of it.
 */
@Component
class CategoryNotices {

    /** The city owns the LGSP and its category lists. */
    static final String CITY = "000.00.00.H26";
    static final String TASK_GROUP = "dost-operators";
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final NoticeBoard board;
    private final TaskService tasks;

    CategoryNotices(NoticeBoard board, TaskService tasks) {
        this.board = board;
        this.tasks = tasks;
    }

    void announce(String list, ChangeSet set) {
        for (int i = 0; i < set.changes().size(); i++) {
            Change change = set.changes().get(i);
            if (Kinds.ESTABLISHED.equals(change.kind())) {
                continue;
            }
            String what = CategoryLists.ADMINISTRATIVE_UNITS.equals(list) ? "đơn vị hành chính" : "mã định danh cơ quan";
            String title = switch (change.kind()) {
                case Kinds.RENAMED -> "Đổi tên " + what + " " + change.code() + " thành " + change.name();
                case Kinds.MERGED -> "Hợp nhất " + what + " " + change.predecessors() + " thành " + change.code()
                        + " " + change.name();
                case Kinds.SPLIT -> "Chia tách " + what + " " + change.predecessors() + ", lập " + change.code()
                        + " " + change.name();
                default -> "Chấm dứt " + what + " " + change.code();
            };
            String body = title + ", có hiệu lực từ ngày " + set.effectiveDate() + " (danh mục " + list + ", phiên bản "
                    + set.version() + (set.note() == null ? "" : "; " + set.note()) + "). Danh mục trước ngày này vẫn tra cứu"
                    + " được tại /api/v1/categories/" + list + "?at=<ngày>.";
            board.publish(new NoticeBoard.Draft("category/" + list + "/" + set.version() + "/" + i, NoticeKind.CATEGORY_CHANGE,
                    null, null, CITY, truncate(title, 300), body, start(set.effectiveDate()), null));
        }
    }

    /** One task per change set that left something on an old code; none when nothing did. */
    void askDost(String list, ChangeSet set, List<String> uses) {
        if (uses.isEmpty()) {
            return;
        }
        Task task = tasks.newTask("category-" + list + "-" + set.version());
        task.setName(truncate("Quyết định xử lý dữ liệu dùng mã cũ sau thay đổi danh mục " + list + " (phiên bản "
                + set.version() + ")", 255));
        task.setDescription(truncate("Thay đổi có hiệu lực từ " + set.effectiveDate() + ": " + NationalCategorySync.summary(set)
                + ". Còn " + uses.size() + " mục dùng mã cũ: " + String.join("; ", uses), 4000));
        task.setDueDate(Date.from(LocalDate.now(VIETNAM).plusDays(3).atStartOfDay(VIETNAM).toInstant()));
        tasks.saveTask(task);
        tasks.addCandidateGroup(task.getId(), TASK_GROUP);
    }

    private static java.time.Instant start(LocalDate day) {
        return day.atStartOfDay(VIETNAM).toInstant();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
