package dev.sf.core.doctor;

/**
 * One problem the doctor found.
 *
 * @param check which check found it
 * @param subject the file, folder, branch or milestone it concerns
 * @param message what is wrong
 * @param fix what {@code --fix} does about it (or did, or would do with {@code --force}), or
 *     what the user should do when there is no automatic fix
 * @param outcome whether it was repaired
 */
public record Finding(Check check, String subject, String message, String fix, Outcome outcome) {

  Finding withOutcome(Outcome newOutcome, String newFix) {
    return new Finding(check, subject, message, newFix, newOutcome);
  }
}
