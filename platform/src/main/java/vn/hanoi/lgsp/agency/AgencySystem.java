package vn.hanoi.lgsp.agency;

/**
 * An agency's information system as connected to the LGSP.
 *
 * @param baseUrl             where the LGSP reaches it: {@code POST {base}/records},
 *                            {@code POST {base}/results}, {@code GET {base}/status}
 * @param pushEnabled         records are pushed; otherwise the system pulls from its inbox
 * @param signingKeyJwk       public JWK that the system's detached JWS signatures verify with
 * @param signatureRequired   records from this system must be signed
 * @param statusLevel2        the system exposes level-2 status ({@code /status/services})
 * @param pollIntervalSeconds how often its status is polled, as agreed at registration
 */
public record AgencySystem(String agencyCode, String baseUrl, boolean pushEnabled, String signingKeyJwk,
                           boolean signatureRequired, boolean statusLevel2, int pollIntervalSeconds) {
}
