package io.berth.rest.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource class or method for admins only: others get 403 before the body is read or
 * the path checked. Core enforces the same rule on every admin operation; this keeps the answer
 * uniform (a user's malformed request to an admin path is still 403).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@interface AdminOnly {
}
