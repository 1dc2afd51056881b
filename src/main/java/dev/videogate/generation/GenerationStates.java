package dev.videogate.generation;

/**
 * Our generation states: pending, processing, completed, failed. How each Kie.ai family's states map onto them is
 * declared with the family in the catalog file (section families, status.states).
 */
public final class GenerationStates {

    private GenerationStates() {
    }

    public static boolean isFinal(String state) {
        return "completed".equals(state) || "failed".equals(state);
    }
}
