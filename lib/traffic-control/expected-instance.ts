import type { InstanceInfo } from "@/lib/route53";

// What the policy record in Route 53 should look like, given Flightdeck's record. Shared by
// the guard before every change and by the drift reconciler, so both agree on "drift".

export type Expectation = {
  policyId: string;
  activeVersion: number | null;
  /** Route 53 numbers of versions whose last operation failed: a Failed instance on one of them is Flightdeck's own. */
  failedVersions: ReadonlySet<number>;
};

export type InstanceDifference = { kind: "instance-policy" | "instance-version" | "instance-busy"; message: string };

/** Why the instance is not what Flightdeck expects, or null when it is. */
export function instanceDifference(instance: InstanceInfo, expected: Expectation): InstanceDifference | null {
  if (instance.policyId !== expected.policyId) {
    return {
      kind: "instance-policy",
      message: `The policy record uses traffic policy ${instance.policyId} v${instance.version}, not Flightdeck's policy ${expected.policyId}.`,
    };
  }
  if (instance.state === "Creating" || instance.state === "Updating" || instance.state === "Deleting") {
    return { kind: "instance-busy", message: `Route 53 is ${instance.state.toLowerCase()} the policy record (to v${instance.version}), a change Flightdeck did not start.` };
  }
  if (instance.state === "Failed" && expected.failedVersions.has(instance.version)) return null;
  if (instance.version !== expected.activeVersion) {
    const live = expected.activeVersion === null ? "no version" : `v${expected.activeVersion}`;
    const failed = instance.state === "Failed" ? ` (that update Failed: ${instance.message || "no message"})` : "";
    return { kind: "instance-version", message: `The policy record answers with v${instance.version}${failed}; Flightdeck's record says ${live}.` };
  }
  if (instance.state === "Failed") {
    return { kind: "instance-version", message: `The policy record on v${instance.version} is Failed: ${instance.message || "no message"}.` };
  }
  return null;
}
