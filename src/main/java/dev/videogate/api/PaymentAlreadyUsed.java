package dev.videogate.api;

/**
 * 409 payment_already_used: the unique key on the payment refused a second generation for the same signed payment
 * (routes/01-answers.yaml gives it for Spring's DuplicateKeyException; the generate route answers the usual replay
 * itself, with the generation that payment bought).
 */
public class PaymentAlreadyUsed extends ApiException {

    public PaymentAlreadyUsed() {
        super(409, "payment_already_used", "This payment authorization was already used for another generation; sign a new one");
    }

    /** For the error clauses in routes/01-answers.yaml. */
    public static PaymentAlreadyUsed answer() {
        return new PaymentAlreadyUsed();
    }
}
