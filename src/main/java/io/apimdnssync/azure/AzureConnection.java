package io.apimdnssync.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.management.AzureEnvironment;

/** How to reach ARM: environment (endpoints), token scope, credential and HTTP transport. */
public record AzureConnection(AzureEnvironment environment, String scope, String tenantId, TokenCredential credential,
        HttpClient httpClient) {
}
