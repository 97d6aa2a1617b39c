package vn.hanoi.lgsp.contract;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** The one place where exceptions of the agency API become {@code 01} envelopes. */
@RestControllerAdvice(basePackages = "vn.hanoi.lgsp")
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final EnvelopeWriter envelopes;

    ApiExceptionHandler(EnvelopeWriter envelopes) {
        this.envelopes = envelopes;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException e, HttpServletRequest request) {
        return respond(request, e.error(), e.getMessage(), e.details());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> invalid(MethodArgumentNotValidException e, HttpServletRequest request) {
        List<ApiError.Detail> details = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new ApiError.Detail(f.getField(), f.getDefaultMessage()))
                .toList();
        String message = details.isEmpty() ? "The request is not valid"
                : "The request is not valid: " + details.stream().map(d -> d.field() + " " + d.reason()).toList();
        return respond(request, ErrorCode.VALIDATION_FAILED, message, details);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ApiError> invalid(ConstraintViolationException e, HttpServletRequest request) {
        List<ApiError.Detail> details = e.getConstraintViolations().stream()
                .map(v -> new ApiError.Detail(v.getPropertyPath().toString(), v.getMessage()))
                .toList();
        return respond(request, ErrorCode.VALIDATION_FAILED, "The request is not valid", details);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return respond(request, ErrorCode.VALIDATION_FAILED,
                "The request body is missing or is not valid JSON for this call", List.of());
    }

    @ExceptionHandler({MissingRequestHeaderException.class, MissingServletRequestParameterException.class,
            MethodArgumentTypeMismatchException.class})
    ResponseEntity<ApiError> badParameter(Exception e, HttpServletRequest request) {
        return respond(request, ErrorCode.VALIDATION_FAILED, e.getMessage(), List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return respond(request, ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "Content type " + e.getContentType() + " is not supported here; send application/json", List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
        return respond(request, ErrorCode.NOT_ACCEPTABLE, "This call answers in application/json only", List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return respond(request, ErrorCode.METHOD_NOT_ALLOWED,
                "Method " + e.getMethod() + " is not allowed here; allowed: " + e.getSupportedHttpMethods(), List.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> notFound(NoResourceFoundException e, HttpServletRequest request) {
        return respond(request, ErrorCode.NOT_FOUND, "No such resource: /" + e.getResourcePath(), List.of());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        return respond(request, ErrorCode.PAYLOAD_TOO_LARGE, "The request is larger than allowed", List.of());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> denied(AccessDeniedException e, HttpServletRequest request) {
        return respond(request, ErrorCode.FORBIDDEN, "Your credentials do not allow this call", List.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected failure in {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(request, ErrorCode.INTERNAL_ERROR,
                "The platform could not complete the call; quote transaction id " + TransactionIds.of(request)
                        + " to the LGSP operators", List.of());
    }

    private ResponseEntity<ApiError> respond(HttpServletRequest request, ErrorCode error, String message,
                                             List<ApiError.Detail> details) {
        // a preset content type skips negotiation: the envelope goes out as JSON whatever Accept asked for
        return ResponseEntity.status(error.status()).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(envelopes.failure(request, error, message, details));
    }
}
