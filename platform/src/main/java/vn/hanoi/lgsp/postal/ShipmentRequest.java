package vn.hanoi.lgsp.postal;

import java.util.List;

/**
 * What an agency's one-stop system asks for: {@code POST /api/v1/postal/shipments}.
 *
 * @param dossierNumber the dossier whose result travels; one shipment per dossier and agency
 * @param serviceLevel  STANDARD (default) or EXPRESS
 * @param codAmount     cash on delivery in đồng (fees the applicant still owes); kept as read,
 *                      so that a string is refused rather than guessed at
 */
record ShipmentRequest(String dossierNumber, String procedureCode, String serviceLevel, Recipient recipient,
                       List<Item> items, Object codAmount) {

    /**
     * @param citizenId the recipient's 12-digit personal identification number, when the result is
     *                  theirs: optional; kept only as a keyed hash, so that they can see the shipment
     *                  among the uses of their data on the portal
     */
    record Recipient(String name, String phone, String address, String provinceCode, String wardCode, String citizenId) {
    }

    record Item(String name, Integer weightGrams) {
    }
}
