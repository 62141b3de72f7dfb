package io.apimdnssync.provider.rfc2136;

import io.apimdnssync.config.DnsServerSettings;
import java.util.HashMap;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * Logs the daemon's principal in with the JDK's Kerberos ({@code Krb5LoginModule}): from a keytab, or with a
 * password; never from a ticket cache and never prompting. The Subject holds the ticket-granting ticket.
 */
final class KerberosLogin {
    private KerberosLogin() {
    }

    static Subject login(DnsServerSettings.Kerberos k) throws GssFailure {
        Map<String, String> options = new HashMap<>();
        options.put("principal", k.principal());
        options.put("isInitiator", "true");
        options.put("refreshKrb5Config", "true");
        options.put("useTicketCache", "false");
        options.put("storeKey", "false");
        if (k.keytab().isPresent()) {
            options.put("useKeyTab", "true");
            options.put("keyTab", k.keytab().get());
            options.put("doNotPrompt", "true");
        }
        Configuration configuration = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(
                        "com.sun.security.auth.module.Krb5LoginModule",
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
            }
        };
        try {
            LoginContext login = new LoginContext("apim-dns-sync", new Subject(), callbacks -> {
                for (Callback c : callbacks) {
                    if (c instanceof NameCallback n) {
                        n.setName(k.principal());
                    } else if (c instanceof PasswordCallback p && k.password().isPresent()) {
                        p.setPassword(k.password().get().toCharArray());
                    } else {
                        throw new UnsupportedCallbackException(c, "no password configured");
                    }
                }
            }, configuration);
            login.login();
            return login.getSubject();
        } catch (LoginException e) {
            throw GssFailure.of("Kerberos login as " + k.principal(), e, k.kdc().orElse(""), k.servicePrincipal());
        }
    }
}
