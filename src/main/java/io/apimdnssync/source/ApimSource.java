package io.apimdnssync.source;

import com.azure.core.http.rest.PagedIterable;
import com.azure.resourcemanager.apimanagement.fluent.ApiManagementServicesClient;
import com.azure.resourcemanager.apimanagement.fluent.models.ApiManagementServiceResourceInner;
import io.apimdnssync.arm.ArmId;
import io.apimdnssync.arm.Priority;
import io.apimdnssync.azure.ArmClients;
import io.apimdnssync.azure.ArmContext;
import io.apimdnssync.azure.ArmErrors;
import io.apimdnssync.config.DiscoveryScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/** Reads APIM instances through ARM: one GET per explicit ID, one paged list per discovery scope. */
@ApplicationScoped
public class ApimSource {
    private static final Logger LOG = Logger.getLogger(ApimSource.class);

    private final ArmClients clients;

    ApimSource(ArmClients clients) {
        this.clients = clients;
    }

    public InstanceRead get(ArmId id, Priority priority) {
        try {
            ApiManagementServiceResourceInner inner = services(id.subscription())
                    .getByResourceGroupWithResponse(id.resourceGroup(), id.name(), ArmContext.of(priority)).getValue();
            return InstanceRead.found(SnapshotMapper.map(inner, Instant.now()));
        } catch (RuntimeException e) {
            return ArmErrors.status(e) == 404 ? InstanceRead.gone(id)
                    : InstanceRead.failed(id, ArmErrors.describe("GET " + id, e));
        }
    }

    /**
     * Whether {@code id} is in its resource group's paged list (every page read). A 404 on that list (the group is
     * gone, or ARM answered 404 for a moment, as it may have for the GET this should confirm) is not evidence by
     * itself: the subscription's list, read in full, decides then.
     */
    public ListPresence inResourceGroupList(ArmId id, Priority priority) {
        String group = "list APIM services in resource group " + id.resourceGroup();
        try {
            return present(id, services(id.subscription()).listByResourceGroup(id.resourceGroup(),
                    ArmContext.of(priority)));
        } catch (RuntimeException e) {
            if (ArmErrors.status(e) != 404) {
                return ListPresence.unknown(ArmErrors.describe(group, e));
            }
        }
        try {
            return present(id, services(id.subscription()).list(ArmContext.of(priority)));
        } catch (RuntimeException e) {
            return ListPresence.unknown(ArmErrors.describe("list APIM services in subscription " + id.subscription(),
                    e));
        }
    }

    private static ListPresence present(ArmId id, PagedIterable<ApiManagementServiceResourceInner> pages) {
        for (ApiManagementServiceResourceInner inner : pages) {
            if (inner.id() != null && ArmId.parse(inner.id()).map(i -> i.equals(id)).orElse(false)) {
                return ListPresence.of(true);
            }
        }
        return ListPresence.of(false);
    }

    /** How many services each scope held at its last list: an empty scope is reported when it becomes empty. */
    private final java.util.Map<String, Integer> lastFound = new java.util.concurrent.ConcurrentHashMap<>();

    /** Lists a discovery scope; throws {@link SourceException} when the list itself fails. */
    public List<InstanceRead> discover(DiscoveryScope scope, Priority priority) {
        String what = "list APIM services in " + scope.describe();
        List<InstanceRead> out = new ArrayList<>();
        try {
            ApiManagementServicesClient services = services(scope.subscription());
            PagedIterable<ApiManagementServiceResourceInner> pages = scope.resourceGroup()
                    .map(g -> services.listByResourceGroup(g, ArmContext.of(priority)))
                    .orElseGet(() -> services.list(ArmContext.of(priority)));
            for (ApiManagementServiceResourceInner inner : pages) {
                if (!scope.matches(inner.tags())) {
                    continue;
                }
                try {
                    out.add(InstanceRead.found(SnapshotMapper.map(inner, Instant.now())));
                } catch (RuntimeException e) {
                    LOG.warnf("skipping an APIM service in %s: %s", what, e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            throw new SourceException(ArmErrors.describe(what, e), e);
        }
        Integer before = lastFound.put(scope.describe(), out.size());
        if (out.isEmpty() && (before == null || before > 0)) {
            LOG.warnf("%s found none: check the subscription and resource group (and tags), and that the identity "
                    + "may read Microsoft.ApiManagement/service there", what);
        }
        return out;
    }

    private ApiManagementServicesClient services(String subscription) {
        return clients.apiManagement(subscription).getApiManagementServices();
    }
}
