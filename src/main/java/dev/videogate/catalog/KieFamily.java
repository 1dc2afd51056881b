package dev.videogate.catalog;

/**
 * Which of Kie.ai's APIs makes a model's videos. The routes branch on {@link #id()} (stored as generation.kie_family):
 * each family has its own create, status and callback shapes.
 */
public enum KieFamily {
    /** POST /jobs/createTask {model, callBackUrl, input}; GET /jobs/recordInfo (state waiting..success|fail). */
    MARKET("market"),
    /** POST /veo/generate {model, prompt, ...}; GET /veo/record-info (successFlag 0|1|2|3); GET /veo/get-1080p-video. */
    VEO("veo");

    private final String id;

    KieFamily(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static KieFamily of(String id) {
        for (KieFamily family : values()) {
            if (family.id.equals(id)) {
                return family;
            }
        }
        throw new IllegalArgumentException("family must be market or veo, not '" + id + "'");
    }
}
