package io.berth.rest.internal;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/**
 * Every failure of every request, Jersey's own included, answered as a problem document by
 * {@link Problems}.
 */
@Component(service = ExceptionMapper.class)
@JakartarsExtension
@JakartarsName(ProblemMapper.NAME)
public final class ProblemMapper implements ExceptionMapper<Throwable> {

    static final String NAME = "berth.problems";

    @Override
    public Response toResponse(Throwable exception) {
        return Problems.toResponse(exception);
    }
}
