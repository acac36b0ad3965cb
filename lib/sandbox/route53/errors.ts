// Route 53's error codes with the HTTP status AWS answers them with (the same statuses the
// SDK's error schemas carry). The SDK turns <Error><Code> into the exception's name, so the
// code strings must match AWS's exactly.

export const route53ErrorStatus = {
  ConcurrentModification: 400,
  ConflictingTypes: 400,
  HealthCheckAlreadyExists: 409,
  HealthCheckInUse: 400,
  HostedZoneAlreadyExists: 409,
  IncompatibleVersion: 400,
  InvalidChangeBatch: 400,
  InvalidDomainName: 400,
  InvalidInput: 400,
  InvalidTrafficPolicyDocument: 400,
  MissingAuthenticationToken: 403,
  NoSuchChange: 404,
  NoSuchHealthCheck: 404,
  NoSuchHostedZone: 404,
  NoSuchTrafficPolicy: 404,
  NoSuchTrafficPolicyInstance: 404,
  PriorRequestNotComplete: 400,
  Throttling: 400,
  TooManyHealthChecks: 400,
  TooManyHostedZones: 400,
  TooManyTrafficPolicies: 400,
  TooManyTrafficPolicyInstances: 400,
  TooManyTrafficPolicyVersionsForCurrentPolicy: 400,
  TrafficPolicyAlreadyExists: 409,
  TrafficPolicyInUse: 400,
  TrafficPolicyInstanceAlreadyExists: 409,
  UnknownOperation: 404,
} as const;

export type Route53ErrorCode = keyof typeof route53ErrorStatus;

export class Route53Error extends Error {
  readonly status: number;

  constructor(
    readonly code: Route53ErrorCode,
    message: string,
  ) {
    super(message);
    this.status = route53ErrorStatus[code];
  }
}

export const noSuchHostedZone = (id: string): Route53Error =>
  new Route53Error("NoSuchHostedZone", `No hosted zone found with ID: ${id}`);

export const noSuchTrafficPolicy = (id: string, version?: number): Route53Error =>
  new Route53Error(
    "NoSuchTrafficPolicy",
    version === undefined
      ? `No traffic policy found with ID: ${id}`
      : `No traffic policy found with ID: ${id} and version: ${version}`,
  );

export const noSuchInstance = (id: string): Route53Error =>
  new Route53Error("NoSuchTrafficPolicyInstance", `No traffic policy instance found with ID: ${id}`);

export const noSuchHealthCheck = (id: string): Route53Error =>
  new Route53Error("NoSuchHealthCheck", `A health check with id ${id} does not exist.`);
