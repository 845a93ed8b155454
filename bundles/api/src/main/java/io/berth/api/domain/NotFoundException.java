package io.berth.api.domain;

/** The resource does not exist, or belongs to someone else: the two are indistinguishable. */
public class NotFoundException extends DomainException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
