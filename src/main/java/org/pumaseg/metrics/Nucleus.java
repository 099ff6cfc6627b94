package org.pumaseg.metrics;

/** A nucleus reduced to what the official scoring uses; {@code index} is its file order. */
record Nucleus(String className, double x, double y, double score, int index) {}
