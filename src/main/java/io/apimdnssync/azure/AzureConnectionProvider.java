package io.apimdnssync.azure;

/** Supplies the ARM connection; production uses Azure, the dev/test sandbox substitutes its emulator. */
public interface AzureConnectionProvider {
    AzureConnection connection();
}
