package vn.hanoi.lgsp.onboarding;

/**
 * The connection guide of Appendix 01 §3.1: the systems, the flow, the API list with
 * authentication, method, URL, format, headers and sample bodies, and the status codes.
 * Credentials are not in it: the applicant's system reads them from the API.
 */
final class ConnectionGuide {

    private ConnectionGuide() {
    }

    static String write(Registrations.Registration r, String platformUrl, String tokenEndpoint, String clientId,
                        String environment) {
        String gateway = platformUrl + "/api/v1/gateway/" + r.serviceCode() + "/" + r.serviceVersion();
        String registration = platformUrl + "/api/v1/registrations/" + r.id();
        return """
                HƯỚNG DẪN KẾT NỐI LGSP HÀ NỘI — MÔI TRƯỜNG %s
                Đăng ký: %s (%s)
                Đơn vị đăng ký: %s
                Dịch vụ: %s, phiên bản %s, đơn vị cung cấp %s

                1. Các hệ thống
                   - Hệ thống của đơn vị: %s
                   - Nền tảng LGSP Hà Nội: %s
                   - Máy chủ xác thực (Keycloak, OAuth2): %s

                2. Luồng kết nối
                   (1) Hệ thống của đơn vị lấy access token bằng client credentials;
                   (2) gọi API của LGSP với header Authorization: Bearer <token>;
                   (3) LGSP kiểm tra quyền, chuyển yêu cầu đến đơn vị cung cấp và trả kết quả.

                3. Tài khoản kết nối
                   - client_id: %s
                   - client_secret: không gửi qua thư điện tử; hệ thống của đơn vị đọc tại
                     GET %s/credentials?environment=%s (xác thực bằng tài khoản hiện có của đơn vị).

                4. Danh sách API
                   a) Lấy token
                      Phương thức: POST  URL: %s
                      Header: Content-Type: application/x-www-form-urlencoded
                      Body: grant_type=client_credentials&client_id=%s&client_secret=<bí mật>
                      Kết quả: {"access_token": "...", "expires_in": 300, "token_type": "Bearer"}
                   b) Gọi dịch vụ
                      Phương thức: theo tài liệu OpenAPI của dịch vụ  URL: %s/<đường dẫn của dịch vụ>
                      Header: Authorization: Bearer <access_token>; Content-Type: application/json
                      Body mẫu: theo tài liệu OpenAPI (GET %s/api/v1/services/%s)
                   c) Tra cứu danh mục dùng chung
                      Phương thức: GET  URL: %s/api/v1/categories/agencies
                   d) Trạng thái kết nối của LGSP
                      Phương thức: GET  URL: %s/api/v1/status (mức 1), %s/api/v1/status/services (mức 2)

                5. Mã trạng thái
                   - "00": thành công
                   - "01": không thành công; trường "error" cho biết lý do (UNAUTHENTICATED, FORBIDDEN,
                     NOT_GRANTED, VALIDATION_FAILED, ...), trường "message" mô tả cách khắc phục.
                   Mọi phản hồi có header X-LGSP-Transaction-Id để tra soát.

                6. Sau khi kết nối thử nghiệm thành công, hệ thống của đơn vị xác nhận tại
                   POST %s/test-confirmation; LGSP xác nhận phía nền tảng, sau đó cấp tài khoản chính thức.
                """.formatted(environment, r.id(), r.requestType(), r.agencyCode(), r.serviceCode(), r.serviceVersion(),
                r.providerCode(), r.form().system() == null ? "" : r.form().system().name(), platformUrl, tokenEndpoint,
                clientId, registration, environment, tokenEndpoint, clientId, gateway, platformUrl, r.serviceCode(),
                platformUrl, platformUrl, platformUrl, registration);
    }
}
