package dev.sf.api;

/**
 * The answer to a pause, resume, stop or merge request.
 *
 * @param ok true when the request was carried out
 * @param exitCode the exit code the CLI uses for it: 0 success, 1 failed, 2 invalid request
 * @param message what was done, or why not, for the user
 */
public record ControlResult(boolean ok, int exitCode, String message) {}
