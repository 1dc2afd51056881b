package dev.videogate.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Production storage: an S3-compatible bucket (AWS S3, MinIO, Cloudflare R2) through the AWS SDK's S3 client.
 * app.storage.s3.endpoint names a non-AWS server (path-style addressing then); the keys come from app.storage.s3.*
 * or, when those are empty, the SDK's default chain (environment, profile, instance role). Every call has a time
 * limit; a file goes up in one PUT straight from the fetched file on disk.
 */
public final class S3VideoStore implements VideoStore, AutoCloseable {

    /** What the S3 store needs from the settings. */
    public record Settings(String bucket, String prefix, String region, String endpoint, String accessKey, String secretKey,
                           long timeoutMs) {
    }

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String where;

    public S3VideoStore(Settings settings) {
        if (settings.bucket() == null || settings.bucket().isBlank()) {
            throw new IllegalStateException("app.storage.type=s3 needs app.storage.s3.bucket");
        }
        Duration limit = Duration.ofMillis(settings.timeoutMs());
        AwsCredentialsProvider credentials = settings.accessKey() == null || settings.accessKey().isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        var builder = S3Client.builder()
                .region(Region.of(settings.region() == null || settings.region().isBlank() ? "us-east-1" : settings.region()))
                .credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)))
                .overrideConfiguration(c -> c.apiCallTimeout(limit))
                // checksums only where S3 requires them: MinIO, R2 and older servers refuse the SDK's newer defaults
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.endpoint() != null && !settings.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(settings.endpoint())).forcePathStyle(true);
        }
        this.s3 = builder.build();
        this.bucket = settings.bucket();
        this.prefix = settings.prefix() == null ? "" : settings.prefix();
        this.where = "S3 bucket " + bucket + (settings.endpoint() == null || settings.endpoint().isBlank() ? "" : " at " + settings.endpoint())
                + (this.prefix.isEmpty() ? "" : ", keys under " + this.prefix);
    }

    @Override
    public void put(String key, Path file, String contentType) throws IOException {
        try {
            s3.putObject(PutObjectRequest.builder().bucket(bucket).key(prefix + key).contentType(contentType).build(),
                    RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw new IOException("S3 PUT " + key + " failed: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public InputStream read(String key, long offset, long length) throws IOException {
        try {
            return s3.getObject(GetObjectRequest.builder().bucket(bucket).key(prefix + key)
                    .range("bytes=" + offset + "-" + (offset + length - 1)).build());
        } catch (SdkException e) {
            throw new IOException("S3 GET " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(DeleteObjectRequest.builder().bucket(bucket).key(prefix + key).build());
        } catch (SdkException e) {
            throw new IOException("S3 DELETE " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return where;
    }

    @Override
    public void close() {
        s3.close();
    }
}
