package io.apimdnssync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.plan.Finding;
import io.apimdnssync.reconcile.ReconcileReport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * The daemon with four servers for contoso.com, each a real BIND 9 on loopback: TSIG, GSS-TSIG against a real MIT
 * KDC (Windows DNS's "Secure only"), GSS-TSIG with a wrong password, and unsigned. The wrong password is a finding
 * on that server only, in words; the three others are written in the same pass, and nothing more at steady state.
 */
@QuarkusTest
@TestProfile(GssTsigServersTest.FourServers.class)
class GssTsigServersTest extends SandboxTestBase {
    public static class FourServers implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(BindResource.class), new TestResourceEntry(KerberosResource.class));
        }
    }

    static List<String> dig(int port, String name) throws Exception {
        Process p = new ProcessBuilder("dig", "+short", "+tcp", "-p", Integer.toString(port), "@127.0.0.1", name, "A")
                .redirectErrorStream(true).start();
        p.waitFor(10, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes()).trim();
        return out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
    }

    @Test
    void gssTsigBesideTsigAndUnsignedServersAndAFailingOneReportedInWords() throws Exception {
        ReconcileReport first = sandbox.pass();
        assertEquals(List.of("10.1.0.10"), dig(KerberosResource.gssPort, "api.contoso.com"), "GSS-TSIG");
        assertEquals(List.of("10.1.0.10"), dig(BindResource.port, "api.contoso.com"), "TSIG");
        assertEquals(List.of("10.1.0.10"), dig(KerberosResource.unsignedPort, "api.contoso.com"), "unsigned");
        assertEquals(List.of(), dig(KerberosResource.wrongPort, "api.contoso.com"), "not with a wrong password");
        assertTrue(first.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.ZONE_UNAVAILABLE
                && f.message().contains("windows-dc-wrong") && f.message().contains("wrong password or keytab")),
                first.findings().toString());
        assertTrue(!first.findings().toString().contains("not-the-password"), "no secret in a report");
        Management.given().get("/api/v1/servers").then().statusCode(200)

                .body("find { it.server == 'windows-dc' }.readMode", Matchers.equalTo("auto"))
                .body("find { it.server == 'windows-dc' }.zones.'contoso.com'.readVia",
                        Matchers.equalTo("per-name queries"))
                .body(Matchers.not(Matchers.containsString("not-the-password")))
                .body(Matchers.not(Matchers.containsString(KerberosRealm.DAEMON_PASSWORD)));

        // Steady state: the working servers get no UPDATE; only the failing one is tried again.
        ReconcileReport steady = sandbox.pass();
        assertTrue(steady.applied().isEmpty(), steady.applied().toString());
        assertTrue(steady.planned().stream().allMatch(c -> c.zone().provider().equals("rfc2136:windows-dc-wrong")),
                steady.planned().toString());
        Management.given().get("/q/health/ready").then().statusCode(200);
    }
}
