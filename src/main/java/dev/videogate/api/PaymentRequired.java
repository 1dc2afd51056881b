package dev.videogate.api;

/** 402 with the standard error body: the payment does not pay for this (e.g. it was never settled). */
public class PaymentRequired extends ApiException {

    public PaymentRequired(String code, String message) {
        super(402, code, message);
    }
}
