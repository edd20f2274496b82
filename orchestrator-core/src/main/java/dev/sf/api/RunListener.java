package dev.sf.api;

/** Receives the events of a run. Listeners must return quickly and must not block. */
@FunctionalInterface
public interface RunListener {

  /**
   * Called for each event.
   *
   * @param event the event
   */
  void onEvent(RunEvent event);
}
