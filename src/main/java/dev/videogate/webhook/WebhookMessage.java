package dev.videogate.webhook;

/**
 * One signed webhook, all that goes to the receiver: its URL, the Standard Webhooks headers' values and the body.
 * The client sends exactly this; nothing else on the exchange reaches the receiver.
 */
public record WebhookMessage(String url, String id, long timestamp, String signature, String body) {
}
