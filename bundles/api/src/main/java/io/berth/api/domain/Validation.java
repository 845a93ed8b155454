package io.berth.api.domain;

import java.util.ArrayList;
import java.util.List;

/** Collects field errors and throws them together. */
public final class Validation {

    private final List<ValidationException.FieldError> errors = new ArrayList<>();

    public Validation check(boolean ok, String field, String message) {
        if (!ok) {
            errors.add(new ValidationException.FieldError(field, message));
        }
        return this;
    }

    public boolean hasError(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
