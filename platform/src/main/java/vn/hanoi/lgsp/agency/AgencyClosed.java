package vn.hanoi.lgsp.agency;

import java.time.LocalDate;
import java.util.List;

/**
 * Published in the transaction that closes an agency's record, so that what the agency had on
 * the platform (grants, system, exchanges, services) is settled by those who own each part.
 */
public record AgencyClosed(String code, LocalDate effective, Agency.ClosureReason reason, List<String> successors,
                           String closedBy) {
}
