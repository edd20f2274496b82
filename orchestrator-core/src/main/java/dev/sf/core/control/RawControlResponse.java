package dev.sf.core.control;

/**
 * A coordinator's {@link ControlResponse} with its data left as JSON text, for a caller that reads
 * the data with Jackson's streaming parser instead of a tree. Reading it needs only jackson-core,
 * which keeps a short command such as {@code sf parallel status} clear of the data-binding
 * machinery.
 *
 * @param ok whether the command succeeded
 * @param message one line for the user, empty when the coordinator sent none
 * @param exitCode the exit code the CLI should end with
 * @param dataJson the {@code data} object as it appeared in the response, or {@code "{}"} when the
 *     response had no data object
 */
public record RawControlResponse(boolean ok, String message, int exitCode, String dataJson) {}
