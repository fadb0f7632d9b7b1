package io.gridlet.management.rest;

import io.gridlet.management.config.GridletSettings;
import io.gridlet.management.problem.TooLargeException;
import jakarta.inject.Singleton;

/** JSON bodies have a limit of their own, below the server's, which is sized for jars. */
@Singleton
class BodyLimits {

    private final long maxJsonBytes;

    BodyLimits(GridletSettings settings) {
        this.maxJsonBytes = settings.getApi().getMaxJsonBytes();
    }

    byte[] json(byte[] body) {
        if (body != null && body.length > maxJsonBytes) {
            throw new TooLargeException("the JSON body is " + body.length + " bytes, more than gridlet.api.max-json-bytes ("
                    + maxJsonBytes + ")");
        }
        return body;
    }
}
