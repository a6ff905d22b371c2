package com.example.app;

import io.jdask.graph.TaskFunction;

/** Application code that builds task functions: lambdas defined in a package jdask does not allow by default. */
public final class Pricing {
    private Pricing() {}

    /**
     * @param rate a value the lambda captures
     * @return a task multiplying its argument by {@code rate}
     */
    public static TaskFunction times(double rate) {
        return args -> ((Number) args[0]).doubleValue() * rate;
    }
}
