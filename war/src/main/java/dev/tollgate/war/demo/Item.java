package dev.tollgate.war.demo;

/** One row of {@code demo_item}. */
public record Item(long id, String name) {
}
