package io.berth.api.domain;

/** A request the domain refuses; the subclass says how (REST maps each to one status). */
public abstract class DomainException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected DomainException(String message) {
        super(message);
    }
}
