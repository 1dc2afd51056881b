package dev.videogate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videogate.api.NotFound;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder's confinement (links out of it are not followed) and edits served without a rebuild. */
class WebFilesTest {

    @TempDir
    Path dir;

    private final CamelContext camel = new DefaultCamelContext();

    @Test
    void aLinkOutOfTheFolderIsNotFollowed() throws Exception {
        Path web = Files.createDirectory(dir.resolve("web"));
        Path secret = Files.writeString(dir.resolve("secret.css"), "body{}");
        Files.createSymbolicLink(web.resolve("escape.css"), secret);
        Files.createSymbolicLink(web.resolve("img"), dir);
        Files.writeString(web.resolve("inside.css"), "p{}");

        WebFiles files = new WebFiles(web.toString());

        assertEquals(web.resolve("inside.css").toRealPath(), files.resolve("inside.css"));
        assertThrows(NotFound.class, () -> files.resolve("escape.css"));
        assertThrows(NotFound.class, () -> files.resolve("img/secret.css"));
    }

    @Test
    void anEditIsServedAtOnceWithANewEtag() throws Exception {
        Path web = Files.createDirectory(dir.resolve("web"));
        Path style = Files.writeString(web.resolve("style.css"), "body{color:red}");
        WebFiles files = new WebFiles(web.toString());

        Exchange first = new DefaultExchange(camel);
        byte[] before = files.file("/web/style.css", null, first);
        Files.writeString(style, "body{color:blue;background:white}");
        Files.setLastModifiedTime(style, FileTime.fromMillis(System.currentTimeMillis() + 2000));
        Exchange second = new DefaultExchange(camel);
        byte[] after = files.file("/web/style.css", first.getMessage().getHeader("ETag", String.class), second);

        assertEquals("body{color:red}", new String(before, StandardCharsets.UTF_8));
        assertEquals("body{color:blue;background:white}", new String(after, StandardCharsets.UTF_8));
        assertNotEquals(first.getMessage().getHeader("ETag"), second.getMessage().getHeader("ETag"));
        assertEquals(null, second.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
    }
}
