package untrusted;

import java.io.Serializable;
import java.util.concurrent.Callable;

/** A class from a package no member allows: sent with Java serialization, a member must refuse to read it. */
public class UntrustedTask implements Callable<String>, Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public String call() {
        return "ran";
    }
}
