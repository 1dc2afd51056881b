package dev.videogate.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videogate.support.LocalS3;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The S3 store against a real S3 API server (s3proxy): a file goes up whole, comes back by ranges, and is deleted. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3VideoStoreTest {

    private LocalS3 s3;
    private S3VideoStore store;

    @BeforeAll
    void start() throws Exception {
        s3 = new LocalS3("videos-test");
        store = new S3VideoStore(new S3VideoStore.Settings(s3.bucket(), "gateway/", "us-east-1", s3.endpoint(),
                LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY, 30_000));
    }

    @AfterAll
    void stop() throws Exception {
        store.close();
        s3.close();
    }

    @Test
    void aFileGoesUpAndComesBackByRangesThenIsDeleted(@TempDir Path dir) throws Exception {
        byte[] video = new byte[2_000_000];
        new Random(7).nextBytes(video);
        Path file = Files.write(dir.resolve("fetched.part"), video);
        store.put("videos/gen_1_a/0", file, "video/mp4");
        assertFalse(Files.exists(file), "the fetched file is gone once uploaded");
        assertEquals(List.of("gateway/videos/gen_1_a/0"), s3.keys(), "under the prefix");
        assertArrayEquals(video, s3.object("gateway/videos/gen_1_a/0"));
        try (InputStream part = store.read("videos/gen_1_a/0", 1_000_000, 500)) {
            assertArrayEquals(Arrays.copyOfRange(video, 1_000_000, 1_000_500), part.readAllBytes());
        }
        store.delete("videos/gen_1_a/0");
        assertEquals(List.of(), s3.keys());
        store.delete("videos/gen_1_a/0"); // nothing there: not an error
        assertThrows(java.io.IOException.class, () -> store.read("videos/gen_1_a/0", 0, 10).readAllBytes());
    }

    @Test
    void wrongKeysAreRefused(@TempDir Path dir) throws Exception {
        S3VideoStore stranger = new S3VideoStore(new S3VideoStore.Settings(s3.bucket(), "", "us-east-1", s3.endpoint(),
                LocalS3.ACCESS_KEY, "not-the-secret", 10_000));
        try (stranger) {
            Path file = Files.write(dir.resolve("x.part"), new byte[] {1, 2, 3});
            assertThrows(java.io.IOException.class, () -> stranger.put("videos/gen_1_b/0", file, "video/mp4"));
        }
    }
}
