package dev.sf.core.doctor;

import dev.sf.errors.ConfigException;

/** Reports invalid preferences and milestone files; only the user can repair them. */
final class ConfigCheck {
  private final Doctor doctor;

  ConfigCheck(Doctor doctor) {
    this.doctor = doctor;
  }

  void run() {
    try {
      doctor.session().preferences();
    } catch (ConfigException e) {
      report(Check.INVALID_PREFERENCES, e);
    }
    try {
      doctor.session().milestones();
    } catch (ConfigException e) {
      report(Check.INVALID_MILESTONE, e);
    }
  }

  private void report(Check check, ConfigException e) {
    if (e.problems().isEmpty()) {
      doctor.manual(check, "", e.getMessage(), "edit the file as the message says");
      return;
    }
    for (ConfigException.Problem problem : e.problems()) {
      String subject = Doctor.relative(doctor.session().root(), problem.file())
          + (problem.line() > 0 ? ":" + problem.line() : "");
      doctor.manual(check, subject, problem.toString(),
          "edit " + subject + " as the message says; sf does not change it");
    }
  }
}
