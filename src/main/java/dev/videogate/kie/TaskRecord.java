package dev.videogate.kie;

/**
 * What Kie.ai's recordInfo says about one task, in our terms: variable "record", written onto the generation by
 * sql/record-task-state.sql (read by name).
 *
 * @param kieState         Kie.ai's own word (waiting, queuing, generating, success, fail)
 * @param state            ours (pending, processing, completed, failed)
 * @param finished         completed or failed: nothing will change any more
 * @param resultUrls       a JSON array of the video URLs (empty until completed)
 * @param creditsConsumed  null while running
 * @param requestedFor     the generation id our callBackUrl named when the task was created (from "param"), or null
 */
public record TaskRecord(String kieTaskId, String kieState, String state, boolean finished, String resultUrls,
                         String failCode, String failMsg, Integer creditsConsumed, String requestedFor) {
}
