package dev.videogate.kie.sim;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A point-in-time view of one simulated task.
 *
 * @param taskId        32 hex characters
 * @param model         model id from the create request
 * @param state         waiting, queuing, generating, success or fail
 * @param input         the request's {@code input} object (a copy)
 * @param callBackUrl   the request's callBackUrl, or {@code null}
 * @param failCode      "" unless failed
 * @param failMsg       "" unless failed
 * @param resultUrls    the video URLs once succeeded, else empty
 * @param createTime    epoch ms
 * @param completeTime  epoch ms, or {@code null} while running
 * @param costCredits   what the task costs (charged only on success)
 * @param callbackAttempts callback POSTs made for this task so far (all attempts, retries and duplicates)
 */
public record TaskSnapshot(String taskId, String model, String state, JsonNode input, String callBackUrl,
                           String failCode, String failMsg, java.util.List<String> resultUrls, long createTime,
                           Long completeTime, int costCredits, int callbackAttempts) {

    public boolean finished() {
        return "success".equals(state) || "fail".equals(state);
    }
}
