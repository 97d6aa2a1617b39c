package vn.hanoi.lgsp.postal;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Results of procedures' cases returned by post (the block "Trả kết quả qua bưu chính"): a shipment
 * like any agency's — the address checked against the units in force, one per dossier, the
 * recipient sealed and forgotten at the end, {@code postal-return} telling every status.
 */
@Component
public class CasePostal {

    /** Whom the result goes to, as the applicant gave it when the case was handed in. */
    public record Recipient(String name, String phone, String address, String provinceCode, String wardCode) {
    }

    private static final int RESULT_WEIGHT_GRAMS = 50;

    private final PostalService postal;
    private final ShipmentValidator validator;

    CasePostal(PostalService postal, ShipmentValidator validator) {
        this.postal = postal;
        this.validator = validator;
    }

    /** Orders the shipment on behalf of the case's owner; the same dossier again finds the first one. */
    public UUID send(String agency, String dossierNumber, String procedureCode, String serviceLevel, String itemName,
                     Recipient recipient) {
        return postal.request(agency, request(dossierNumber, procedureCode, serviceLevel, itemName, recipient))
                .shipment().id();
    }

    /** Checks what {@link #send} would order, without ordering: a case in the test environment sends no parcel. */
    public void check(String agency, String dossierNumber, String procedureCode, String serviceLevel, String itemName,
                      Recipient recipient) {
        validator.validate(agency, request(dossierNumber, procedureCode, serviceLevel, itemName, recipient));
    }

    private static ShipmentRequest request(String dossierNumber, String procedureCode, String serviceLevel,
                                           String itemName, Recipient r) {
        return new ShipmentRequest(dossierNumber, procedureCode, serviceLevel,
                new ShipmentRequest.Recipient(r.name(), r.phone(), r.address(), r.provinceCode(), r.wardCode(), null),
                List.of(new ShipmentRequest.Item(itemName, RESULT_WEIGHT_GRAMS)), 0);
    }
}
