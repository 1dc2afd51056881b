package dev.videogate.discovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.catalog.CatalogModel;
import dev.videogate.catalog.ModelCatalog;
import dev.videogate.generation.GenerateRequests;

/**
 * GET /.well-known/x402: what this origin sells over x402, for crawlers and agents that start from a domain. The
 * short form x402 indexers read ({"version":1,"resources":["POST /api/generate"],"instructions"}), plus each model's
 * price for its default request and where the details are (GET /api/models, /api/openapi.json).
 */
public class WellKnownX402 {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelCatalog catalog;
    private final String publicBaseUrl;
    private final String network;
    private final boolean paid;

    /** @param network the CAIP-2 ids sold on, comma-separated (null when payment is off) */
    public WellKnownX402(ModelCatalog catalog, String publicBaseUrl, String network, boolean paid) {
        this.catalog = catalog;
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
        this.network = network;
        this.paid = paid;
    }

    public String render() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("version", 1);
        doc.put("x402Version", 2);
        doc.putArray("resources").add("POST /api/generate");
        doc.put("instructions", "POST /api/generate with {\"model\",\"prompt\",\"options\"} answers 402 with the price of exactly that"
                + " request; pay it with an x402 client (scheme exact, USDC) and send the request again. Read the video with GET"
                + " /api/generate/{generationId}?poll=true and Authorization: Bearer <accessToken>. Models, options and prices:"
                + " GET /api/models; the whole API: GET /api/openapi.json.");
        ObjectNode resource = doc.putArray("items").addObject();
        resource.put("resource", publicBaseUrl + "/api/generate");
        resource.put("method", "POST");
        resource.put("mimeType", "application/json");
        resource.put("paymentRequired", paid);
        if (network != null) {
            // every configured network (app.x402.accepts); "network" keeps the first, as when there was one
            String[] networks = network.split(",\\s*");
            resource.put("network", networks[0]);
            ArrayNode all = resource.putArray("networks");
            for (String n : networks) {
                all.add(n);
            }
        }
        resource.put("asset", "USDC");
        ArrayNode models = resource.putArray("models");
        for (CatalogModel model : catalog.all()) {
            if (model.enabled()) {
                models.addObject().put("model", model.name()).put("description", model.description())
                        .put("fromPriceUsd", model.price().quote(GenerateRequests.defaults(model)).totalUsd().toPlainString());
            }
        }
        doc.put("models", publicBaseUrl + "/api/models");
        doc.put("openapi", publicBaseUrl + "/api/openapi.json");
        return doc.toString();
    }
}
