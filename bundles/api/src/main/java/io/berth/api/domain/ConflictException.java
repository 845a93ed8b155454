package io.berth.api.domain;

/** The request makes no sense in the resource's current state, or a quota is used up. */
public class ConflictException extends DomainException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
