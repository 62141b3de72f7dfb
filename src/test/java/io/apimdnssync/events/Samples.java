package io.apimdnssync.events;

/**
 * Deliveries shaped exactly like the samples in Microsoft's Event Grid documentation (event-schema-subscriptions,
 * webhook-event-delivery, cloud-event-schema), with the resource set to an APIM service where the test needs one.
 */
public final class Samples {
    private Samples() {
    }

    public static String validation(String code) {
        return """
            [
              {
                "id": "2d1781af-3a4c-4d7c-bd0c-e34b19da4e66",
                "topic": "/subscriptions/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
                "subject": "",
                "data": {
                  "validationCode": "%s",
                  "validationUrl": "https://rp-eastus2.eventgrid.azure.net:553/eventsubscriptions/myeventsub/validate?id=0000000000-0000-0000-0000-00000000000000&t=2022-10-28T04:23:35.1981776Z&apiVersion=2018-05-01-preview&token=1A1A1A1A"
                },
                "eventType": "Microsoft.EventGrid.SubscriptionValidationEvent",
                "eventTime": "2022-10-28T04:23:35.1981776Z",
                "metadataVersion": "1",
                "dataVersion": "1"
              }
            ]
            """.formatted(code);
    }

    public static String writeSuccess(String resourceId, String eventTime) {
        String sub = resourceId.split("/").length > 2 ? resourceId.split("/")[2] : "{subscription-id}";
        return """
            [{
              "subject": "%1$s",
              "eventType": "Microsoft.Resources.ResourceWriteSuccess",
              "eventTime": "%3$s",
              "id": "4db48cba-50a2-455a-93b4-de41a3b5b7f6",
              "data": {
                "authorization": {
                  "scope": "%1$s",
                  "action": "Microsoft.ApiManagement/service/write",
                  "evidence": {
                    "role": "Subscription Admin"
                  }
                },
                "claims": {
                  "aud": "{audience-claim}",
                  "iss": "{issuer-claim}",
                  "iat": "{issued-at-claim}",
                  "nbf": "{not-before-claim}",
                  "exp": "{expiration-claim}",
                  "_claim_names": "{\\"groups\\":\\"src1\\"}",
                  "_claim_sources": "{\\"src1\\":{\\"endpoint\\":\\"{URI}\\"}}",
                  "http://schemas.microsoft.com/claims/authnclassreference": "1",
                  "aio": "{token}",
                  "appid": "{ID}",
                  "appidacr": "2",
                  "ipaddr": "{IP-address}",
                  "name": "{full-name}",
                  "http://schemas.microsoft.com/identity/claims/tenantid": "{ID}",
                  "uti": "{ID}",
                  "ver": "1.0"
                },
                "correlationId": "{ID}",
                "resourceProvider": "Microsoft.ApiManagement",
                "resourceUri": "%1$s",
                "operationName": "Microsoft.ApiManagement/service/write",
                "status": "Succeeded",
                "subscriptionId": "%2$s",
                "tenantId": "{tenant-id}"
              },
              "dataVersion": "2",
              "metadataVersion": "1",
              "topic": "/subscriptions/%2$s"
            }]
            """.formatted(resourceId, sub, eventTime);
    }

    /** The older published shape: authorization and claims as strings. */
    public static String deleteSuccessOldShape(String resourceId) {
        return """
            [{
              "topic": "/subscriptions/{subscription-id}",
              "subject": "%1$s",
              "eventType": "Microsoft.Resources.ResourceDeleteSuccess",
              "eventTime": "2017-11-07T21:24:19.6959483Z",
              "id": "7995ecce-39d4-4851-b9d7-a7ef87a06bf5",
              "data": {
                "authorization": "{azure_resource_manager_authorizations}",
                "claims": "{azure_resource_manager_claims}",
                "correlationId": "7995ecce-39d4-4851-b9d7-a7ef87a06bf5",
                "httpRequest": "{request-operation}",
                "resourceProvider": "Microsoft.ApiManagement",
                "resourceUri": "%1$s",
                "operationName": "Microsoft.ApiManagement/service/delete",
                "status": "Succeeded",
                "subscriptionId": "{subscription-id}",
                "tenantId": "{tenant-id}"
              },
              "dataVersion": "",
              "metadataVersion": "1"
            }]
            """.formatted(resourceId);
    }

    public static String cloudEvent(String resourceId, String time) {
        String sub = resourceId.split("/")[2];
        return """
            {
              "source": "/subscriptions/%2$s",
              "subject": "%1$s",
              "type": "Microsoft.Resources.ResourceWriteSuccess",
              "time": "%3$s",
              "id": "4db48cba-50a2-455a-93b4-de41a3b5b7f6",
              "data": {
                "authorization": {
                  "scope": "%1$s",
                  "action": "Microsoft.ApiManagement/service/write",
                  "evidence": { "role": "Subscription Admin" }
                },
                "claims": { "aud": "{audience-claim}", "iss": "{issuer-claim}", "ver": "1.0" },
                "correlationId": "{ID}",
                "resourceProvider": "Microsoft.ApiManagement",
                "resourceUri": "%1$s",
                "operationName": "Microsoft.ApiManagement/service/write",
                "status": "Succeeded",
                "subscriptionId": "%2$s",
                "tenantId": "{tenant-id}"
              },
              "specversion": "1.0"
            }
            """.formatted(resourceId, sub, time);
    }

    public static String resourceNotification(String resourceId) {
        return """
            [{
              "id": "d5a6e2a0-6b5e-4b1b-9d8e-2a7c1c7e0a11",
              "topic": "/subscriptions/%2$s",
              "subject": "%1$s",
              "eventType": "Microsoft.ResourceNotifications.Resources.CreatedOrUpdated",
              "eventTime": "2024-05-15T08:53:35.5497735Z",
              "data": {
                "resourceInfo": {
                  "id": "%1$s",
                  "name": "contoso",
                  "type": "Microsoft.ApiManagement/service",
                  "location": "westeurope",
                  "tags": {},
                  "properties": {}
                },
                "operationalInfo": {
                  "resourceEventTime": "2024-05-15T08:53:35.5497735Z"
                },
                "apiVersion": "2021-08-01"
              },
              "dataVersion": "1",
              "metadataVersion": "1"
            }]
            """.formatted(resourceId, resourceId.split("/")[2]);
    }
}
