package dev.arbiter.core.decision;

/**
 * One value of an action request that cannot be decided on, as every face
 * reports it: {@code field} is the API's name for it ({@code action},
 * {@code context.amount_usd}, ...), {@code message} says what is wrong and
 * what to write instead, starting with the field's name.
 */
public record RequestProblem(String field, String message) {
}
