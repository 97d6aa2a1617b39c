package vn.hanoi.lgsp.postal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.calendar.WorkingDayCalendar;
import vn.hanoi.lgsp.category.AdministrativeUnits;
import vn.hanoi.lgsp.category.AdministrativeUnits.AdministrativeUnit;
import vn.hanoi.lgsp.contract.ApiError;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.workercontract.PostalProcess.ServiceLevel;
import vn.hanoi.lgsp.workercontract.PostalProcess.WorkerApi.Item;
import vn.hanoi.lgsp.workercontract.PostalProcess.WorkerApi.Recipient;

/**
 * Every problem of a shipment request at once, so the one-stop system's staff fix them in one
 * go: the address against the administrative units in force today (two levels since 1 July
 * 2025: a province and one of its wards, communes or special zones), a phone VNPost can call,
 * the items and a cash-on-delivery amount in đồng. Nothing is stored or sent unless all hold.
 */
@Component
class ShipmentValidator {

    private static final Pattern DOSSIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.\\-/_]{0,59}");
    private static final Pattern PROCEDURE = Pattern.compile("[0-9]+\\.[0-9]{6}\\.[0-9A-Za-z.]+");
    /** Vietnamese numbers: ten digits from 0, or +84 and the nine after the 0. */
    private static final Pattern PHONE = Pattern.compile("(0|\\+84)[0-9]{9}");
    private static final Pattern CITIZEN_ID = Pattern.compile("[0-9]{12}");
    private static final Set<String> LOWER_UNITS = Set.of("WARD", "COMMUNE", "SPECIAL_ZONE");
    private static final int MAX_ITEMS = 20;
    private static final int MAX_ITEM_GRAMS = 30_000;
    private static final long MAX_COD = 100_000_000L;

    private final AdministrativeUnits units;

    ShipmentValidator(AdministrativeUnits units) {
        this.units = units;
    }

    ValidShipment validate(String agencyCode, ShipmentRequest request) {
        List<ApiError.Detail> problems = new ArrayList<>();
        if (request == null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The shipment request has no body");
        }
        if (request.dossierNumber() == null || !DOSSIER.matcher(request.dossierNumber()).matches()) {
            problems.add(detail("dossierNumber", "is required: the dossier's number, up to 60 letters, digits and . - / _"));
        }
        if (request.procedureCode() == null || !PROCEDURE.matcher(request.procedureCode()).matches()) {
            problems.add(detail("procedureCode", "must look like 1.001193.000.00.00.H26 (procedure id, then the issuing"
                    + " agency's code)"));
        }
        ServiceLevel level = ServiceLevel.STANDARD;
        if (request.serviceLevel() != null) {
            try {
                level = ServiceLevel.valueOf(request.serviceLevel());
            } catch (IllegalArgumentException e) {
                problems.add(detail("serviceLevel", "must be STANDARD or EXPRESS"));
            }
        }
        Recipient recipient = recipient(request.recipient(), problems);
        List<Item> items = items(request.items(), problems);
        long cod = cod(request.codAmount(), problems);
        String citizenId = request.recipient() == null ? null : request.recipient().citizenId();
        if (citizenId != null && !CITIZEN_ID.matcher(citizenId).matches()) {
            problems.add(detail("recipient.citizenId", "must be the recipient's 12-digit personal identification number, "
                    + "or left out"));
        }
        if (!problems.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The shipment request is not valid: " + problems.stream()
                    .map(p -> p.field() + " " + p.reason()).toList() + "; nothing was sent to VNPost", problems);
        }
        return new ValidShipment(agencyCode, request.dossierNumber(), request.procedureCode(), level, recipient, items,
                cod, citizenId);
    }

    private Recipient recipient(ShipmentRequest.Recipient to, List<ApiError.Detail> problems) {
        if (to == null) {
            problems.add(detail("recipient", "is required: name, phone, address, provinceCode and wardCode"));
            return null;
        }
        String name = trimmed(to.name());
        if (name == null || name.length() > 200) {
            problems.add(detail("recipient.name", "is required (at most 200 characters)"));
        }
        String phone = to.phone() == null ? null : to.phone().replaceAll("[\\s.]", "");
        if (phone == null || phone.isEmpty()) {
            problems.add(detail("recipient.phone", "is required: VNPost calls the recipient before delivering"));
        } else if (!PHONE.matcher(phone).matches()) {
            problems.add(detail("recipient.phone", "must be a Vietnamese phone number: 10 digits from 0, or +84 and 9 digits"));
        } else if (phone.startsWith("+84")) {
            phone = "0" + phone.substring(3);
        }
        String address = trimmed(to.address());
        if (address == null || address.length() > 500) {
            problems.add(detail("recipient.address", "is required: house number and street (at most 500 characters)"));
        }
        LocalDate today = LocalDate.now(WorkingDayCalendar.VIETNAM);
        Optional<AdministrativeUnit> province = Optional.empty();
        if (blank(to.provinceCode())) {
            problems.add(detail("recipient.provinceCode", "is required: the province's code in the administrative units list"));
        } else {
            province = units.inForce(to.provinceCode(), today).filter(u -> "PROVINCE".equals(u.type()));
            if (province.isEmpty()) {
                problems.add(detail("recipient.provinceCode", "'" + to.provinceCode() + "' is no province in force in the"
                        + " administrative units list (GET /api/v1/categories/administrative-units)"));
            }
        }
        if (blank(to.wardCode())) {
            problems.add(detail("recipient.wardCode", "is required: the ward, commune or special zone's code"));
        } else {
            Optional<AdministrativeUnit> ward = units.inForce(to.wardCode(), today)
                    .filter(u -> LOWER_UNITS.contains(u.type()));
            if (ward.isEmpty()) {
                problems.add(detail("recipient.wardCode", "'" + to.wardCode() + "' is no ward, commune or special zone in"
                        + " force; since 1 July 2025 addresses have two levels, province and ward or commune, with"
                        + " no district"));
            } else if (province.isPresent() && !province.get().code().equals(ward.get().parentCode())) {
                problems.add(detail("recipient.wardCode", "'" + to.wardCode() + "' (" + ward.get().name()
                        + ") is not in province " + to.provinceCode()));
            }
        }
        return new Recipient(name, phone, address, to.provinceCode(), to.wardCode());
    }

    private static List<Item> items(List<ShipmentRequest.Item> items, List<ApiError.Detail> problems) {
        if (items == null || items.isEmpty()) {
            problems.add(detail("items", "at least one item: what the envelope or parcel holds"));
            return List.of();
        }
        if (items.size() > MAX_ITEMS) {
            problems.add(detail("items", "at most " + MAX_ITEMS + " items per shipment"));
            return List.of();
        }
        List<Item> valid = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ShipmentRequest.Item item = items.get(i);
            String name = item == null ? null : trimmed(item.name());
            if (name == null || name.length() > 200) {
                problems.add(detail("items[" + i + "].name", "is required (at most 200 characters)"));
            }
            Integer grams = item == null ? null : item.weightGrams();
            if (grams == null || grams < 1 || grams > MAX_ITEM_GRAMS) {
                problems.add(detail("items[" + i + "].weightGrams", "must be a weight in grams from 1 to " + MAX_ITEM_GRAMS));
            }
            valid.add(new Item(name, grams));
        }
        return valid;
    }

    /** A JSON number of whole đồng; a string, even of digits, is refused: amounts are not guessed. */
    private static long cod(Object amount, List<ApiError.Detail> problems) {
        if (amount == null) {
            return 0;
        }
        if (!(amount instanceof Number number)) {
            problems.add(detail("codAmount", "must be a number of đồng (got " + describe(amount) + ")"));
            return 0;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(number.toString());
        } catch (NumberFormatException infinite) {
            problems.add(detail("codAmount", "must be whole đồng from 0 to " + MAX_COD));
            return 0;
        }
        if (value.signum() < 0 || value.stripTrailingZeros().scale() > 0 || value.compareTo(BigDecimal.valueOf(MAX_COD)) > 0) {
            problems.add(detail("codAmount", "must be whole đồng from 0 to " + MAX_COD));
            return 0;
        }
        return value.longValueExact();
    }

    private static String describe(Object value) {
        String text = value.toString();
        return "'" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static ApiError.Detail detail(String field, String reason) {
        return new ApiError.Detail(field, reason);
    }
}
