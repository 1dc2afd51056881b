package dev.videogate.generation;

/** Kie.ai's task states in our words: waiting/queuing -> pending, generating -> processing, success, fail. */
public final class GenerationStates {

    private GenerationStates() {
    }

    public static String fromKie(String kieState) {
        return switch (kieState == null ? "" : kieState) {
            case "success" -> "completed";
            case "fail" -> "failed";
            case "generating" -> "processing";
            default -> "pending"; // waiting, queuing, or a state Kie.ai adds later: keep checking
        };
    }

    public static boolean isFinal(String state) {
        return "completed".equals(state) || "failed".equals(state);
    }
}
