package dev.videogate.catalog;

import io.vertx.core.Context;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models we sell, from the catalog file (models.yaml). The file is read again when it changes (looked at no more
 * than once a second), so an operator edits models and prices with no rebuild or restart; a file that no longer
 * reads keeps the last good catalog and says why in the log. app.models, when set, limits what is sold.
 *
 * <p>The look at the file is a file-system call, so it is never made on an event loop (should anything read the
 * catalog there): it is made by whoever reads the catalog elsewhere, and by {@link #look} (app's catalog watch, every
 * second), so that an edit reaches every reader.
 */
public final class ModelCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(ModelCatalog.class);

    private final Path file;
    private final Function<String, String> settings;
    private final List<String> sold;
    private final Clock clock;
    private volatile Map<String, CatalogModel> models;
    private volatile Map<String, KieFamily> families;
    private volatile long fileStamp;
    private volatile long lastLook;

    public ModelCatalog(Path file, Function<String, String> settings, List<String> sold, Clock clock) {
        this.file = file;
        this.settings = settings;
        this.sold = List.copyOf(sold);
        this.clock = clock;
        load();
        this.fileStamp = stamp();
        this.lastLook = clock.millis();
    }

    public Optional<CatalogModel> find(String name) {
        return Optional.ofNullable(current().get(name));
    }

    public List<CatalogModel> all() {
        return List.copyOf(current().values());
    }

    public String names() {
        return String.join(", ", current().keySet());
    }

    /**
     * The endpoint family a generation was made with (generation.kie_family), as the file declares it now.
     *
     * @throws IllegalStateException when the file no longer declares it (the generation's status cannot be read)
     */
    public KieFamily family(String id) {
        current();
        KieFamily family = families.get(id == null ? "" : id);
        if (family == null) {
            throw new IllegalStateException("Kie.ai family '" + id + "' is not declared in " + file.getFileName() + " (declared: "
                    + String.join(", ", families.keySet()) + ")");
        }
        return family;
    }

    private Map<String, CatalogModel> current() {
        if (!Context.isOnEventLoopThread()) {
            look();
        }
        return models;
    }

    /** Reads the file again if it changed (looking at it at most once a second). Not on an event loop: it touches the disk. */
    public void look() {
        long now = clock.millis();
        if (now - lastLook >= 1000) {
            lastLook = now;
            long stamp = stamp();
            if (stamp != fileStamp) {
                synchronized (this) {
                    if (stamp != fileStamp) {
                        try {
                            load();
                            LOG.info("Models catalog {} reloaded: {} (families {})", file, models.keySet(), families.keySet());
                        } catch (IllegalStateException e) {
                            LOG.error("Models catalog {} changed but cannot be used ({}); still selling {}", file, e.getMessage(), models.keySet());
                        }
                        fileStamp = stamp;
                    }
                }
            }
        }
    }

    /** Reads the file; sets families and models together only when all of it is good. */
    private void load() {
        CatalogFile.Contents contents = CatalogFile.readAll(file, settings);
        Map<String, CatalogModel> selected = select(contents.models());
        families = contents.families();
        models = selected;
    }

    private Map<String, CatalogModel> select(Map<String, CatalogModel> all) {
        if (sold.isEmpty()) {
            return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(all));
        }
        java.util.LinkedHashMap<String, CatalogModel> selected = new java.util.LinkedHashMap<>();
        for (String name : sold) {
            CatalogModel model = all.get(name);
            if (model == null) {
                throw new IllegalStateException("app.models names '" + name + "', which " + file + " does not have (it has: " + all.keySet() + ")");
            }
            selected.put(name, model);
        }
        return java.util.Collections.unmodifiableMap(selected);
    }

    private long stamp() {
        try {
            return Files.getLastModifiedTime(file).toMillis() ^ Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
