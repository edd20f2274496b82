/**
 * Extension points of sf. Public API: a tool may implement {@link dev.sf.spi.WorkerLauncher} to
 * change how worker processes start and {@link dev.sf.spi.OutputFormat} to read a worker output
 * format of its own.
 */
package dev.sf.spi;
