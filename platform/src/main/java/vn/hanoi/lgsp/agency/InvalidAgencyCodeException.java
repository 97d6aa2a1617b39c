package vn.hanoi.lgsp.agency;

import java.util.List;
import vn.hanoi.lgsp.contract.ApiError;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

/** A code that does not follow Decision 20/2020/QĐ-TTg, with the reason. */
public class InvalidAgencyCodeException extends ApiException {

    InvalidAgencyCodeException(String code, String reason) {
        super(ErrorCode.VALIDATION_FAILED, "'" + code + "' is not a valid agency electronic identifier code: " + reason,
                List.of(new ApiError.Detail("code", reason)));
    }
}
