package dev.videogate.x402;

/** The facilitator answered with something that is not a valid x402 verify/settle/supported response. */
public class FacilitatorResponseException extends RuntimeException {
    public FacilitatorResponseException(String message) {
        super(message);
    }

    public FacilitatorResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
