package io.berth.api.domain;

/** The caller lacks the role the operation needs (admin operations only: others' resources are 404). */
public class ForbiddenException extends DomainException {

    private static final long serialVersionUID = 1L;

    public ForbiddenException(String message) {
        super(message);
    }
}
