package io.apimdnssync.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the sender of a refused delivery is told (the webhook answers 400 with it): the schema it failed and the
 * parser's own words, taken from the root of the exception chain — not the SDK wrapper's text, which starts with the
 * class name of the parser's exception.
 */
class RefusedPayloadMessageTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // CloudEvents: the SDK wraps the JSON parser's exception; the message is the parser's
            "'{\"specversion\": ' | application/cloudevents+json | "
                    + "not a valid CloudEvents 1.0 payload: Unexpected end-of-input within/between Object entries",
            "'not json' | application/cloudevents+json | not a valid CloudEvents 1.0 payload: Unrecognized token 'not'",
            // Event Grid schema: an exception without a cause is its own root
            "'[1,2]' | application/json | "
                    + "not a valid Event Grid schema payload: Unexpected token to begin object deserialization: NUMBER",
    })
    void theMessageIsTheRootCauses(String body, String contentType, String start) {
        BadDeliveryException e = assertThrows(BadDeliveryException.class,
                () -> EventDecoder.decode(body, Optional.of(contentType)));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), "no exception class name: " + e.getMessage());
        assertNotNull(e.getCause(), "the SDK's exception is kept as the cause, for the log");
    }
}
