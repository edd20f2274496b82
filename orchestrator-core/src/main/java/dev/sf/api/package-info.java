/**
 * The public API of sf: open a project with {@link dev.sf.api.SfProject}, analyse it, start a
 * {@link dev.sf.api.Run}, observe {@link dev.sf.api.RunEvent}s, and pause, resume, stop and
 * merge. The types here, in {@code dev.sf.spi} (extension points) and in {@code dev.sf.errors}
 * (exceptions) are the supported API; {@link dev.sf.api.SfPekko} is the entry point for
 * applications that already run Pekko.
 *
 * <p>Everything under {@code dev.sf.core} is internal: it may change in any release without
 * notice.
 */
package dev.sf.api;
