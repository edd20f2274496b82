package dev.sf.core.doctor;

import java.util.List;

/**
 * Everything one run of the doctor found.
 *
 * @param findings the problems, in the order the checks ran
 * @param fixRequested true when repairs were requested
 * @param forced true when repairs that delete work were allowed
 */
public record DoctorResult(List<Finding> findings, boolean fixRequested, boolean forced) {

  public DoctorResult {
    findings = List.copyOf(findings);
  }

  /** Returns the findings whose problem is still there. */
  public List<Finding> remaining() {
    return findings.stream().filter(finding -> finding.outcome().remains()).toList();
  }
}
