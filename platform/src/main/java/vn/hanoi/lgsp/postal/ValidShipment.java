package vn.hanoi.lgsp.postal;

import java.util.List;
import vn.hanoi.lgsp.workercontract.PostalProcess.ServiceLevel;
import vn.hanoi.lgsp.workercontract.PostalProcess.WorkerApi.Item;
import vn.hanoi.lgsp.workercontract.PostalProcess.WorkerApi.Recipient;

/**
 * A shipment request that passed every check; the phone in its 0-prefixed form.
 *
 * @param recipientCitizenId the recipient's personal identification number, when given; stored only hashed
 */
record ValidShipment(String agencyCode, String dossierNumber, String procedureCode, ServiceLevel serviceLevel,
                     Recipient recipient, List<Item> items, long codAmount, String recipientCitizenId) {
}
