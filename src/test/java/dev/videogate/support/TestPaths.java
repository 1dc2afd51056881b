package dev.videogate.support;

import java.nio.file.Path;

/**
 * Where test files live: tests run with the project root as working directory (the bundle reads routes/ from
 * there), so module paths come from the build (system properties set in pom.xml).
 */
public final class TestPaths {

    private TestPaths() {
    }

    /** The local x402 network's folder (src/test/x402-network). */
    public static Path x402Network() {
        return Path.of(System.getProperty("x402.network.dir", "src/test/x402-network")).toAbsolutePath();
    }

    /** A file in the module's build folder (target), for logs and throwaway keys. */
    public static Path output(String name) {
        return Path.of(System.getProperty("test.output.dir", "target"), name).toAbsolutePath();
    }
}
