package dev.sf.api;

import java.util.List;

/**
 * The findings and repairs of {@link SfProject#doctor(boolean, boolean)}.
 *
 * @param findings every problem found, in the order the checks ran
 * @param fixRequested true when repairs were requested
 * @param forced true when repairs that delete uncommitted work or unmerged commits were allowed
 */
public record DoctorReport(List<DoctorFinding> findings, boolean fixRequested, boolean forced) {

  /** Copies the findings. */
  public DoctorReport {
    findings = List.copyOf(findings);
  }

  /**
   * Returns the findings whose problem is still there.
   *
   * @return the remaining problems
   */
  public List<DoctorFinding> remaining() {
    return findings.stream().filter(DoctorFinding::remains).toList();
  }

  /**
   * Returns true when no problem remains.
   *
   * @return true for a healthy project
   */
  public boolean clean() {
    return remaining().isEmpty();
  }
}
