package io.apimdnssync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apimdnssync.reconcile.Trigger;
import io.apimdnssync.sandbox.RequestLog;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Azure deployment template (deployment/azure/azuredeploy.json): valid JSON, every parameter and variable it uses
 * declared in the template (or nested template) that uses it, and custom roles granting exactly the ARM operations the
 * daemon performs — compared with the sandbox's request log after a run that reads, discovers, creates, updates and
 * deletes.
 */
@QuarkusTest
@TestProfile(AzureTemplateTest.EveryOperation.class)
class AzureTemplateTest extends SandboxTestBase {
    /** Links are read at every pass here (they are cached for an hour otherwise, and an earlier test may hold them). */
    public static class EveryOperation implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("apim-dns-sync.reconcile.link-check-interval", "1ms");
        }
    }

    static final Path TEMPLATE = Path.of("deployment/azure/azuredeploy.json");
    static final Pattern USE = Pattern.compile("(parameters|variables)\\('([^']+)'\\)");

    static JsonNode template() throws Exception {
        return new ObjectMapper().readTree(TEMPLATE.toFile());
    }

    @Test
    void everyParameterAndVariableUsedIsDeclaredWhereItIsUsed() throws Exception {
        List<String> problems = new ArrayList<>();
        check(template(), "root", problems);
        assertEquals(List.of(), problems);
        JsonNode example = new ObjectMapper().readTree(Path.of("deployment/azure/azuredeploy.parameters.example.json")
                .toFile());
        example.path("parameters").fieldNames().forEachRemaining(name -> {
            try {
                assertTrue(template().path("parameters").has(name), "the example sets an unknown parameter " + name);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * One template's expressions, nested templates (inner scope) checked on their own; and every nested deployment
     * passes values (not declarations) for parameters its template declares, all the required ones.
     */
    static void check(JsonNode template, String where, List<String> problems) {
        for (JsonNode r : template.path("resources")) {
            if (!r.path("type").asText().equals("Microsoft.Resources/deployments")) {
                continue;
            }
            String name = where + " > " + r.path("name").asText();
            JsonNode passed = r.path("properties").path("parameters");
            JsonNode declaredInner = r.path("properties").path("template").path("parameters");
            passed.fields().forEachRemaining(e -> {
                Set<String> keys = new TreeSet<>();
                e.getValue().fieldNames().forEachRemaining(keys::add);
                if (!keys.equals(Set.of("value")) && !keys.equals(Set.of("reference"))) {
                    problems.add(name + ": parameter " + e.getKey() + " passes " + keys + ", not a value");
                }
                if (!declaredInner.has(e.getKey())) {
                    problems.add(name + ": passes " + e.getKey() + ", which its template does not declare");
                }
            });
            declaredInner.fields().forEachRemaining(e -> {
                if (!e.getValue().has("defaultValue") && !passed.has(e.getKey())) {
                    problems.add(name + ": required parameter " + e.getKey() + " is not passed");
                }
            });
        }
        Set<String> declared = new TreeSet<>();
        template.path("parameters").fieldNames().forEachRemaining(n -> declared.add("parameters:" + n));
        template.path("variables").fieldNames().forEachRemaining(n -> declared.add("variables:" + n));
        template.path("variables").path("copy").forEach(c -> declared.add("variables:" + c.path("name").asText()));
        List<JsonNode> nested = new ArrayList<>();
        scan(template, true, declared, where, problems, nested);
        for (int i = 0; i < nested.size(); i++) {
            check(nested.get(i), where + " > nested " + i, problems);
        }
    }

    static void scan(JsonNode node, boolean top, Set<String> declared, String where, List<String> problems,
            List<JsonNode> nested) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (!top && e.getKey().equals("template") && e.getValue().has("resources")) {
                    nested.add(e.getValue());
                    return;
                }
                uses(e.getKey(), declared, where, problems);
                scan(e.getValue(), false, declared, where, problems, nested);
            });
        } else if (node.isArray()) {
            node.forEach(n -> scan(n, false, declared, where, problems, nested));
        } else if (node.isTextual()) {
            uses(node.asText(), declared, where, problems);
        }
    }

    static void uses(String text, Set<String> declared, String where, List<String> problems) {
        Matcher m = USE.matcher(text);
        while (m.find()) {
            if (!declared.contains(m.group(1) + ":" + m.group(2))) {
                problems.add(where + ": " + m.group(1) + "('" + m.group(2) + "') is not declared");
            }
        }
    }

    /** The ARM action a request needs (the sandbox serves ARM's own paths). */
    static String action(RequestLog.Entry e) {
        String p = e.path().toLowerCase(Locale.ROOT).replaceAll("/$", "");
        String m = e.method();
        String sub = "/subscriptions/[^/]+(/resourcegroups/[^/]+)?/providers/";
        if (p.matches(sub + "microsoft\\.apimanagement/service(/[^/]+)?") && m.equals("GET")) {
            return "Microsoft.ApiManagement/service/read";
        }
        if (p.matches(sub + "microsoft\\.network/privatednszones(/[^/]+)?") && m.equals("GET")) {
            return "Microsoft.Network/privateDnsZones/read";
        }
        if (p.matches(sub + "microsoft\\.network/privatednszones/[^/]+/virtualnetworklinks(/[^/]+)?")
                && m.equals("GET")) {
            return "Microsoft.Network/privateDnsZones/virtualNetworkLinks/read";
        }
        if (p.matches(sub + "microsoft\\.network/privatednszones/[^/]+/all")) {
            return "Microsoft.Network/privateDnsZones/ALL/read";
        }
        if (p.matches(sub + "microsoft\\.network/privatednszones/[^/]+/a(/[^/]+)?")) {
            return switch (m) {
                case "GET" -> "Microsoft.Network/privateDnsZones/A/read";
                case "PUT", "PATCH" -> "Microsoft.Network/privateDnsZones/A/write";
                case "DELETE" -> "Microsoft.Network/privateDnsZones/A/delete";
                default -> "unknown: " + m + " " + p;
            };
        }
        return "unmapped: " + m + " " + p;
    }

    /** Secrets reach the container only as Container Apps secrets through secretRef, never as plain values. */
    @Test
    void containerAppSecretsArePassedBySecretRefOnly() throws Exception {
        JsonNode t = template();
        assertEquals("secureObject", t.path("parameters").path("containerSecrets").path("type").asText());
        assertEquals("securestring", t.path("parameters").path("webhookUrl").path("type").asText());
        JsonNode deployment = null;
        for (JsonNode r : t.path("resources")) {
            if (r.path("name").asText().equals("apim-dns-sync-container-app")) {
                deployment = r;
            }
        }
        JsonNode inner = deployment.path("properties").path("template");
        assertEquals("secureObject", inner.path("parameters").path("containerSecrets").path("type").asText());
        JsonNode app = inner.path("resources").get(0);
        assertEquals("[variables('secrets')]", app.path("properties").path("configuration").path("secrets").asText());
        String env = app.path("properties").path("template").path("containers").get(0).path("env").asText();
        assertTrue(env.contains("variables('secretEnv')") && !env.contains("containerSecrets"), env);
        JsonNode secretEnv = null;
        for (JsonNode c : inner.path("variables").path("copy")) {
            if (c.path("name").asText().equals("secretEnv")) {
                secretEnv = c.path("input");
            }
        }
        assertTrue(secretEnv.has("secretRef") && !secretEnv.has("value"), secretEnv.toString());
        assertEquals(1, app.path("properties").path("template").path("scale").path("maxReplicas").asInt(),
                "one replica on Container Apps: no leader election there");
    }

    @Test
    void theCustomRolesGrantExactlyTheOperationsTheDaemonPerforms() throws Exception {
        Set<String> used = new TreeSet<>();
        sandbox.log().clear();
        sandbox.pass(); // discovery, instance list, zone lists, links, creates
        sandbox.complete("contoso", "{\"type\":\"set-zones\",\"zones\":[\"2\"],\"delaySeconds\":0.2}");
        sandbox.pass(); // updates
        queue.reconcile(SandboxDriver.CONTOSO, Trigger.of("test"), false).get(1, TimeUnit.MINUTES); // instance GET
        sandbox.deleteService("contoso");
        sandbox.pass(); // the instance is gone: its records are deleted
        assertTrue(sandbox.ips(GW, "@").isEmpty(), "the run deleted records");
        sandbox.log().entries().stream().filter(e -> e.path().toLowerCase(Locale.ROOT).startsWith("/subscriptions/"))
                .forEach(e -> used.add(action(e)));

        Set<String> granted = new TreeSet<>();
        JsonNode vars = template().path("variables");
        vars.path("zoneActions").forEach(a -> granted.add(a.asText()));
        vars.path("apimActions").forEach(a -> granted.add(a.asText()));
        assertEquals(granted, used, "the roles' actions against the operations of the run");
    }
}
