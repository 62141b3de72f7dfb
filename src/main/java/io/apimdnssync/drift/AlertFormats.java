package io.apimdnssync.drift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alert bodies for chat webhooks: the generic JSON (type and data at the top level), a Microsoft Teams message with
 * an Adaptive Card (what Teams incoming webhooks and Workflows "when a Teams webhook request is received" accept), and
 * a Slack incoming-webhook message (text fallback and blocks).
 */
final class AlertFormats {
    private AlertFormats() {
    }

    static Map<String, Object> json(Alert a) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", a.id());
        body.put("type", a.type());
        body.putAll(a.data());
        body.put("at", a.at().toString());
        return body;
    }

    /** One line a person reads: "Drift opened: missing api.contoso.com on azure-private-dns (instance contoso)". */
    static String headline(Alert a) {
        Object name = a.data().getOrDefault("name", "");
        String what = a.type().equals(Alert.DRIFT_OPENED) ? "Drift opened" : a.type().equals(Alert.DRIFT_CLOSED)
                ? "Drift closed" : a.type().substring(a.type().indexOf('.') + 1);
        String instance = a.subject().isEmpty() ? "every instance"
                : "instance " + a.subject().substring(a.subject().lastIndexOf('/') + 1);
        return what + ": " + a.data().getOrDefault("kind", "") + " " + (name.toString().isEmpty()
                ? a.data().getOrDefault("zone", "") : name) + " on " + a.data().getOrDefault("target", "")
                + " (" + instance + ")";
    }

    static List<List<String>> facts(Alert a) {
        return List.of(List.of("Expected", String.valueOf(a.data().getOrDefault("expected", ""))),
                List.of("Actual", String.valueOf(a.data().getOrDefault("actual", ""))),
                List.of("Zone", String.valueOf(a.data().getOrDefault("zone", ""))),
                List.of("First seen", String.valueOf(a.data().getOrDefault("firstSeen", ""))),
                List.of("Closed by", String.valueOf(a.data().getOrDefault("closedBy", "")))).stream()
                .filter(f -> !f.get(1).isEmpty()).toList();
    }

    static Map<String, Object> teams(Alert a) {
        List<Object> body = List.of(
                Map.of("type", "TextBlock", "text", headline(a), "weight", "Bolder", "wrap", true,
                        "color", a.type().equals(Alert.DRIFT_OPENED) ? "Attention" : "Good"),
                Map.of("type", "FactSet", "facts", facts(a).stream()
                        .map(f -> Map.of("title", f.get(0), "value", f.get(1))).toList()));
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.put("body", body);
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.put("contentUrl", null);
        attachment.put("content", card);
        return Map.of("type", "message", "attachments", List.of(attachment));
    }

    static Map<String, Object> slack(Alert a) {
        StringBuilder details = new StringBuilder();
        facts(a).forEach(f -> details.append("*").append(f.get(0)).append(":* ").append(f.get(1)).append('\n'));
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", "*" + headline(a) + "*")));
        if (!details.isEmpty()) {
            blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", details.toString().strip())));
        }
        return Map.of("text", headline(a), "blocks", blocks);
    }
}
