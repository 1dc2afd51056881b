package dev.videogate.kie.sim;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A point-in-time view of one simulated task.
 *
 * @param taskId        32 hex characters
 * @param model         model id from the create request (for a Veo task the resolved model, e.g. veo3_fast)
 * @param state         waiting, queuing, generating, success or fail (a Veo task, whose record-info has only
 *                      successFlag, is waiting/queuing/generating while successFlag is 0)
 * @param input         the request's {@code input} object (a copy); for a Veo task the whole veo/generate body
 * @param callBackUrl   the request's callBackUrl, or {@code null}
 * @param failCode      "" unless failed ("500" for a market task, "501" for a Veo task)
 * @param failMsg       "" unless failed
 * @param resultUrls    the video URLs once succeeded, else empty
 * @param createTime    epoch ms
 * @param completeTime  epoch ms, or {@code null} while running
 * @param costCredits   what the task costs (charged only on success)
 * @param callbackAttempts callback POSTs made for this task so far (all attempts, retries and duplicates)
 * @param veo           whether the task came from veo/generate (its status is at veo/record-info)
 */
public record TaskSnapshot(String taskId, String model, String state, JsonNode input, String callBackUrl,
                           String failCode, String failMsg, java.util.List<String> resultUrls, long createTime,
                           Long completeTime, int costCredits, int callbackAttempts, boolean veo) {

    public boolean finished() {
        return "success".equals(state) || "fail".equals(state);
    }
}
