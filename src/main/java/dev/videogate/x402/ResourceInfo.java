package dev.videogate.x402;

import java.util.Objects;

/** The paid resource as x402 describes it; description and mimeType default to "" like the TS server. */
public record ResourceInfo(String url, String description, String mimeType) {
    public ResourceInfo {
        Objects.requireNonNull(url, "url");
        description = description == null ? "" : description;
        mimeType = mimeType == null ? "" : mimeType;
    }
}
