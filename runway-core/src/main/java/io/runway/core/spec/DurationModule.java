package io.runway.core.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import io.runway.core.error.InvalidInputException;
import java.io.IOException;
import java.time.Duration;

/** Reads {@link Duration}s as {@code 90s}, {@code 15m}, {@code 2h}, {@code 1d} or {@code PT15M}; writes the short form. */
public final class DurationModule extends SimpleModule {

    public DurationModule() {
        super("runway-durations");
        addDeserializer(Duration.class, new Reader());
        addSerializer(Duration.class, new Writer());
    }

    static final class Reader extends StdScalarDeserializer<Duration> {
        Reader() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                // Strict: a bare number has no unit, so it is not a duration.
                return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
            }
            String text = p.getText();
            try {
                return Durations.parse(text, FieldPath.of(p.getParsingContext()));
            } catch (InvalidInputException e) {
                throw InvalidFormatException.from(p, e.getMessage(), text, Duration.class);
            }
        }
    }

    static final class Writer extends StdScalarSerializer<Duration> {
        Writer() {
            super(Duration.class);
        }

        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(Durations.format(value));
        }
    }
}
