/**
 * Control channel of a running coordinator: the per-project {@link
 * dev.sf.core.control.CoordinatorLock}, a {@link dev.sf.core.control.ControlServer} on a Unix
 * domain socket that passes each request to a {@link dev.sf.core.control.ControlHandler}, and the
 * {@link dev.sf.core.control.ControlClient} that other sf processes use to reach it. The package
 * knows nothing of actors, so the caller decides what each command does.
 */
package dev.sf.core.control;
