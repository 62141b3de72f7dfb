package io.apimdnssync.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ArmIdTest {
    static final String RAW = "/subscriptions/S1/resourceGroups/RG/providers/Microsoft.ApiManagement/service/Contoso";

    @Test
    void partsPathAndCanonicalKey() {
        ArmId id = ArmId.of(RAW + "/");
        assertEquals(new ArmId("S1", "RG", "Microsoft.ApiManagement", "service", "Contoso"), id);
        assertEquals(RAW, id.path());
        assertEquals(RAW, id.toString());
        assertEquals(RAW.toLowerCase(), id.key());
        assertTrue(id.isOfType("microsoft.apimanagement/SERVICE"));
        assertFalse(id.isOfType("Microsoft.Network/privateDnsZones"));
    }

    @Test
    void idsAreEqualIgnoringCase() {
        ArmId a = ArmId.of(RAW);
        ArmId b = ArmId.of(RAW.toLowerCase());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, ArmId.of(RAW + "2"));
        assertNotEquals(a.hashCode(), ArmId.of(RAW + "2").hashCode());
        assertNotEquals(a, RAW);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "/subscriptions/s/resourceGroups/g/providers/Microsoft.ApiManagement/service",
            "/subscriptions/s/resourceGroups/g/providers/Microsoft.ApiManagement/service/x/apis/y",
            "subscriptions/s/resourceGroups/g/providers/Microsoft.ApiManagement/service/x/y",
            "/subscription/s/resourceGroups/g/providers/Microsoft.ApiManagement/service/x",
            "/subscriptions/s/resourceGroup/g/providers/Microsoft.ApiManagement/service/x",
            "/subscriptions/s/resourceGroups/g/provider/Microsoft.ApiManagement/service/x",
            "/subscriptions/ /resourceGroups/g/providers/Microsoft.ApiManagement/service/x",
            "/subscriptions/s/resourceGroups/g/providers/Microsoft.ApiManagement/ /x",
            "/subscriptions/s/resourceGroups/g/providers/Microsoft.ApiManagement/service/ ",
    })
    void notResourceIds(String raw) {
        assertEquals(Optional.empty(), ArmId.parse(raw));
    }

    @Test
    void ofSaysWhatTheFormIs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArmId.of("nope"));
        assertEquals("'nope' is not a resource ID of the form /subscriptions/<id>/resourceGroups/<group>/providers/"
                + "<namespace>/<type>/<name>", e.getMessage());
    }

    @Test
    void aPlaceholderStandsForWhatIsNotAnId() {
        ArmId p = ArmId.placeholder("bad key");
        assertEquals("bad key", p.name());
        assertTrue(p.isOfType("Microsoft.ApiManagement/service"));
        assertEquals("/subscriptions/?/resourcegroups/?/providers/microsoft.apimanagement/service/bad key", p.key());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "00000000-0000-0000-0000-000000000000, rg-apim, contoso, true",
            "00000000-0000-0000-0000-000000000000, rg.(x)_y, a, true",
            "00000000-0000-0000-0000-000000000000, rg-apim, a1-b2, true",
            "not-a-guid, rg-apim, contoso, false",
            "00000000-0000-0000-0000-000000000000, rg., contoso, false",
            "00000000-0000-0000-0000-000000000000, rg/x, contoso, false",
            "00000000-0000-0000-0000-000000000000, rg-apim, 1contoso, false",
            "00000000-0000-0000-0000-000000000000, rg-apim, contoso-, false",
            "00000000-0000-0000-0000-000000000000, rg-apim, con_toso, false",
    })
    void wellFormedApimIds(String sub, String group, String name, boolean ok) {
        ArmId id = new ArmId(sub, group, "Microsoft.ApiManagement", "service", name);
        assertEquals(ok, id.isWellFormedApim(), id.path());
    }

    @Test
    void aLongNameOrAnotherTypeIsNotAnApimId() {
        String sub = "00000000-0000-0000-0000-000000000000";
        assertEquals(false, new ArmId(sub, "g", "Microsoft.ApiManagement", "service", "a".repeat(51))
                .isWellFormedApim());
        assertEquals(true, new ArmId(sub, "g", "Microsoft.ApiManagement", "service", "a".repeat(50))
                .isWellFormedApim());
        assertEquals(false, new ArmId(sub, "g", "Microsoft.Web", "sites", "a").isWellFormedApim());
        assertEquals(false, new ArmId(sub, "g".repeat(91), "Microsoft.ApiManagement", "service", "a")
                .isWellFormedApim());
    }
}
