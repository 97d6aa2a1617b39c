package vn.hanoi.lgsp.exchange;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.agency.AgencyCode;
import vn.hanoi.lgsp.agency.AgencyRegistry;
import vn.hanoi.lgsp.agency.AgencySystem;
import vn.hanoi.lgsp.agency.AgencySystems;
import vn.hanoi.lgsp.contract.ApiError;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * The synchronous checks of a submitted record, in the order a person would fix them:
 * shape, size, parties, integrity, signature, edXML addressing. Anything wrong is a
 * {@code 01} answer and nothing starts.
 */
@Component
class RecordValidator {

    private static final Pattern PROCEDURE_ID = Pattern.compile("[0-9]+\\.[0-9]{6}");
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern CITIZEN_ID = Pattern.compile("[0-9]{12}");
    static final String EDXML_CONTENT_TYPE = "application/edxml+xml";

    private final AgencyRegistry agencies;
    private final AgencySystems systems;
    private final ExchangeSettings settings;

    RecordValidator(AgencyRegistry agencies, AgencySystems systems, ExchangeSettings settings) {
        this.agencies = agencies;
        this.systems = systems;
        this.settings = settings;
    }

    /** A record that passed every check, with its decoded content. */
    /** @param signedAt when the sender says it signed (JWS header {@code sigT} or {@code iat}); null if unsigned or unsaid */
    record ValidRecord(String source, String destination, String procedureCode, String contentType, byte[] content,
                       String sha256, String signature, Instant deadline, SubmitRequest.Applicant applicant,
                       Instant signedAt) {
    }

    ValidRecord validate(String source, SubmitRequest request) {
        return validate(source, request, true);
    }

    /**
     * @param sourceSigns whether the source's own signature rule applies: not to a record the LGSP
     *                    makes itself from a procedure's case, whose documents were checked when the
     *                    owning agency handed the case in
     */
    ValidRecord validate(String source, SubmitRequest request, boolean sourceSigns) {
        requireShape(request);
        SubmitRequest.Payload payload = request.payload();
        byte[] content = decode(payload.content());
        long max = settings.maxPayloadSize().toBytes();
        if (content.length > max) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The record is " + content.length
                    + " bytes; the LGSP accepts at most " + max + " bytes per record");
        }
        agencies.requireActive(source);
        if (request.destination().equals(source)) {
            throw invalid("destination", "the destination is the source itself");
        }
        agencies.requireActive(request.destination());
        String actual = sha256Hex(content);
        if (!actual.equalsIgnoreCase(payload.sha256())) {
            throw new ApiException(ErrorCode.INTEGRITY_FAILED, "The content's SHA-256 is " + actual
                    + " but the request declares " + payload.sha256() + "; the record was altered or truncated");
        }
        Instant signedAt = sourceSigns ? verifySignature(source, request.signature(), content) : null;
        if (isEdXml(payload.contentType())) {
            EdXmlEnvelope.checkAddressing(content, source, request.destination());
        }
        return new ValidRecord(source, request.destination(), request.procedureCode(), payload.contentType(), content,
                actual.toLowerCase(), request.signature(), request.deadline(), request.applicant(), signedAt);
    }

    /**
     * Whether the record is an edXML package, whatever parameters or letter case its media
     * type carries: {@code application/edxml+xml; charset=utf-8} must not skip the sender check.
     */
    static boolean isEdXml(String contentType) {
        try {
            org.springframework.http.MediaType type = org.springframework.http.MediaType.parseMediaType(contentType);
            return EDXML_CONTENT_TYPE.equalsIgnoreCase(type.getType() + "/" + type.getSubtype());
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return false;
        }
    }

    private static boolean mediaType(String contentType) {
        try {
            org.springframework.http.MediaType.parseMediaType(contentType);
            return !contentType.contains("*");
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return false;
        }
    }

    private void requireShape(SubmitRequest request) {
        List<ApiError.Detail> problems = new ArrayList<>();
        if (request.procedureCode() == null || request.procedureCode().isBlank()) {
            problems.add(new ApiError.Detail("procedureCode", "is required"));
        } else {
            procedureProblem(request.procedureCode()).ifPresent(p -> problems.add(new ApiError.Detail("procedureCode", p)));
        }
        if (request.destination() == null || request.destination().isBlank()) {
            problems.add(new ApiError.Detail("destination", "is required"));
        } else {
            try {
                AgencyCode.parse(request.destination());
            } catch (ApiException e) {
                problems.add(new ApiError.Detail("destination", e.getMessage()));
            }
        }
        SubmitRequest.Payload payload = request.payload();
        if (payload == null) {
            problems.add(new ApiError.Detail("payload", "is required"));
        } else {
            if (payload.contentType() == null || payload.contentType().isBlank()) {
                problems.add(new ApiError.Detail("payload.contentType", "is required"));
            } else if (!mediaType(payload.contentType())) {
                problems.add(new ApiError.Detail("payload.contentType", "must be a media type such as application/pdf"));
            }
            if (payload.content() == null || payload.content().isEmpty()) {
                problems.add(new ApiError.Detail("payload.content", "is required (base64)"));
            }
            if (payload.sha256() == null || !HEX_SHA256.matcher(payload.sha256()).matches()) {
                problems.add(new ApiError.Detail("payload.sha256", "must be the content's SHA-256 as 64 hex digits"));
            }
        }
        if (request.deadline() != null && !request.deadline().isAfter(Instant.now())) {
            problems.add(new ApiError.Detail("deadline", "is in the past"));
        } else if (request.deadline() != null && request.deadline().isAfter(Instant.now().plus(settings.maxDeadline()))) {
            // a record nobody answers would otherwise wait, content and all, for years
            problems.add(new ApiError.Detail("deadline", "is more than " + settings.maxDeadline().toDays()
                    + " days ahead (lgsp.exchange.max-deadline)"));
        }
        SubmitRequest.Applicant applicant = request.applicant();
        if (applicant != null && (applicant.citizenId() == null || !CITIZEN_ID.matcher(applicant.citizenId()).matches())) {
            problems.add(new ApiError.Detail("applicant.citizenId", "must be the 12-digit citizen identification number"));
        }
        if (!problems.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The record is not valid: " + problems.stream()
                    .map(p -> p.field() + " " + p.reason()).toList(), problems);
        }
    }

    /** Procedure codes are a procedure id followed by the issuing agency's code. */
    private static Optional<String> procedureProblem(String code) {
        int split = code.indexOf('.', code.indexOf('.') + 1);
        if (split < 0 || !PROCEDURE_ID.matcher(code.substring(0, split)).matches()) {
            return Optional.of("must look like 1.011442.000.00.00.H26 (procedure id, then the issuing agency's code)");
        }
        try {
            AgencyCode.parse(code.substring(split + 1));
            return Optional.empty();
        } catch (ApiException e) {
            return Optional.of("has an invalid issuing agency code: " + e.getMessage());
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw invalid("payload.content", "is not valid base64");
        }
    }

    /**
     * Detached JWS (RFC 7515 Appendix F) over the content bytes, with the source's registered key.
     *
     * @return the signing time the protected header claims, if any
     */
    private Instant verifySignature(String source, String signature, byte[] content) {
        Optional<AgencySystem> system = systems.find(source);
        boolean required = system.map(AgencySystem::signatureRequired).orElse(false);
        if (signature == null || signature.isBlank()) {
            if (required) {
                throw invalid("signature", "is required: records from " + source + " must carry a detached JWS signature");
            }
            return null;
        }
        String jwk = system.map(AgencySystem::signingKeyJwk).orElse(null);
        if (jwk == null) {
            throw invalid("signature", "cannot be verified: " + source + " has registered no signing key");
        }
        try {
            JWK key = JWK.parse(jwk);
            JWSObject jws = JWSObject.parse(signature, new Payload(content));
            if (!(key instanceof AsymmetricJWK asymmetric)) {
                throw invalid("signature", "the registered key of " + source + " is not a public key");
            }
            JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(jws.getHeader(), asymmetric.toPublicKey());
            if (!jws.verify(verifier)) {
                throw new ApiException(ErrorCode.INTEGRITY_FAILED,
                        "The signature does not verify with " + source + "'s registered key: the content or the signature was altered");
            }
            return signingTime(jws.getHeader());
        } catch (ParseException e) {
            throw invalid("signature", "is not a compact detached JWS (header..signature)");
        } catch (JOSEException e) {
            throw new ApiException(ErrorCode.INTEGRITY_FAILED, "The signature cannot be verified: " + e.getMessage());
        }
    }

    /**
     * The signing time a signed header claims: JAdES's {@code sigT} (RFC 3339), else {@code iat}
     * (seconds). Protected by the signature, so the sender's clock is what it shows.
     */
    static Instant signingTime(com.nimbusds.jose.JWSHeader header) {
        Object sigT = header.getCustomParam("sigT");
        if (sigT instanceof String text) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }
        Object iat = header.getCustomParam("iat");
        return iat instanceof Number seconds ? Instant.ofEpochSecond(seconds.longValue()) : null;
    }

    static String sha256Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiException invalid(String field, String reason) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, "The record is not valid: " + field + " " + reason,
                List.of(new ApiError.Detail(field, reason)));
    }
}
