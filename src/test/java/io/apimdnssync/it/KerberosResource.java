package io.apimdnssync.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Beside BindResource's TSIG server ([0]): a real KDC and three more servers for contoso.com — BIND accepting
 * GSS-TSIG for the daemon's principal ([1]), another whose configured password is wrong ([2]), and one that takes
 * unsigned updates ([3]). The daemon finds the KDC through gss.kdc.
 */
public class KerberosResource implements QuarkusTestResourceLifecycleManager {
    static volatile KerberosRealm realm;
    static volatile int gssPort;
    static volatile int wrongPort;
    static volatile int unsignedPort;

    @Override
    public Map<String, String> start() {
        try {
            realm = KerberosRealm.create();
            gssPort = realm.startBind("contoso.com", KerberosRealm.DAEMON);
            wrongPort = realm.startBind("contoso.com", KerberosRealm.DAEMON);
            unsignedPort = realm.startUnsignedBind("contoso.com");
            Map<String, String> c = new HashMap<>();
            gss(c, 1, "windows-dc", gssPort, KerberosRealm.DAEMON_PASSWORD);
            gss(c, 2, "windows-dc-wrong", wrongPort, "not-the-password");
            c.put("apim-dns-sync.dns-servers[3].name", "unsigned");
            c.put("apim-dns-sync.dns-servers[3].address", "127.0.0.1");
            c.put("apim-dns-sync.dns-servers[3].port", Integer.toString(unsignedPort));
            c.put("apim-dns-sync.dns-servers[3].zones", "contoso.com");
            c.put("apim-dns-sync.dns-servers[3].auth", "none");
            c.put("apim-dns-sync.dns-servers[3].allow-unsigned", "true");
            return c;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the Kerberos realm", e);
        }
    }

    private static void gss(Map<String, String> c, int i, String name, int port, String password) {
        String k = "apim-dns-sync.dns-servers[" + i + "].";
        c.put(k + "name", name);
        c.put(k + "address", "127.0.0.1");
        c.put(k + "port", Integer.toString(port));
        c.put(k + "zones", "contoso.com");
        c.put(k + "auth", "gss-tsig");
        c.put(k + "gss.realm", realm.realm());
        c.put(k + "gss.principal", KerberosRealm.DAEMON);
        c.put(k + "gss.password", password);
        c.put(k + "gss.kdc", realm.kdc());
        c.put(k + "gss.service-host", KerberosRealm.HOST);
    }

    @Override
    public void stop() {
        try {
            if (realm != null) {
                realm.close();
            }
        } catch (Exception e) {
            // best effort
        }
    }
}
