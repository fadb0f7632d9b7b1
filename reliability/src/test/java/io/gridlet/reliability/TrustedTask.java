package io.gridlet.reliability;

import java.io.Serializable;
import java.util.concurrent.Callable;

/** The same task in one of Gridlet's packages, which the member reads: the filter is not a wall. */
public class TrustedTask implements Callable<String>, Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public String call() {
        return "ran";
    }
}
