package dev.arbiter.desktop.common;

import java.util.function.Function;
import javafx.util.StringConverter;

/** How a choice box shows its values; the boxes are not editable, so text is never read back. */
public final class ChoiceText {

    private ChoiceText() {
    }

    /** Shows a value with {@code show} and no value as empty text; {@code fromString} is refused. */
    public static <T> StringConverter<T> of(Function<T, String> show) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : show.apply(value);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException("not editable");
            }
        };
    }
}
