package io.apimdnssync.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every metric the shipped alert rules name is exported on /q/metrics (as a family, after some work). */
@QuarkusTest
class AlertRulesTest extends SandboxTestBase {
    @Test
    void everyMetricTheRulesNameIsExported() throws Exception {
        String rules = Files.readString(Path.of("k8s/base/prometheusrule.yaml"));
        Set<String> named = new TreeSet<>();
        Matcher m = Pattern.compile("apim_dns_sync_[a-z_]+").matcher(rules);
        while (m.find()) {
            named.add(m.group());
        }
        assertFalse(named.isEmpty());
        sandbox.pass();
        io.restassured.RestAssured.given().contentType("application/json").queryParam("code", "test-secret")
                .body(io.apimdnssync.events.Samples.writeSuccess(SandboxDriver.id("contoso"),
                        java.time.Instant.now().toString()))
                .post("/api/v1/events").then().statusCode(200);
        // The event's pass may be running while we scrape (a gauge of open items can be between two states):
        // what is exported is checked until it settles.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() -> {
            String text = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
            Set<String> families = new TreeSet<>();
            text.lines().filter(l -> l.startsWith("# TYPE apim_dns_sync_"))
                    .forEach(l -> families.add(l.split(" ")[2]));
            for (String name : named) {
                String family = name.replaceAll("_(bucket|count|sum|total)$", "");
                assertTrue(families.contains(family) || families.contains(name),
                        name + " is named by a rule but not exported; exported: " + families);
            }
        });
    }
}
