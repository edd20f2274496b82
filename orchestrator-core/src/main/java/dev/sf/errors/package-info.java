/**
 * Exceptions of sf. Public API: every exception sf throws on purpose extends {@link
 * dev.sf.errors.SfException} and chains its cause.
 */
package dev.sf.errors;
