package io.postdesk.db;

import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;

/**
 * The JSON and XML format mapper Hibernate is given: PostDesk maps no JSON or XML attributes (the
 * audit's jsonb is written with plain JDBC), so there is nothing to convert. Without it Hibernate
 * finds Jackson on the class path (Flyway brings it) and builds an ObjectMapper at every start.
 */
final class NoFormatMapper implements FormatMapper {
    @Override
    public <T> T fromString(CharSequence text, JavaType<T> type, WrapperOptions options) {
        throw unsupported(type);
    }

    @Override
    public <T> String toString(T value, JavaType<T> type, WrapperOptions options) {
        throw unsupported(type);
    }

    private static UnsupportedOperationException unsupported(JavaType<?> type) {
        return new UnsupportedOperationException("PostDesk maps no JSON or XML attributes (asked for "
                + type.getJavaTypeClass().getName() + ")");
    }
}
