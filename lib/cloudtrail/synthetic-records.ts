// Pure: realistic CloudTrail records from a seed, for the benchmark and for test fixtures
// (S3 log files). The mix follows what a multi-account, multi-region estate logs: mostly
// automation reads, deploy pipelines writing, a few people, AWS services acting on their
// own, a few percent errors; busier in working hours; full records of the usual size.

export type SyntheticOptions = { seed: number; count: number; from: number; to: number; accounts?: string[]; regions?: string[] };

type Template = { source: string; name: string; readOnly: boolean; weight: number; resourceType?: string; global?: boolean };

const TEMPLATES: Template[] = [
  { source: "ec2.amazonaws.com", name: "DescribeInstances", readOnly: true, weight: 16 },
  { source: "ec2.amazonaws.com", name: "DescribeSecurityGroups", readOnly: true, weight: 6 },
  { source: "ec2.amazonaws.com", name: "RunInstances", readOnly: false, weight: 3, resourceType: "AWS::EC2::Instance" },
  { source: "ec2.amazonaws.com", name: "TerminateInstances", readOnly: false, weight: 2, resourceType: "AWS::EC2::Instance" },
  { source: "ec2.amazonaws.com", name: "AuthorizeSecurityGroupIngress", readOnly: false, weight: 1, resourceType: "AWS::EC2::SecurityGroup" },
  { source: "elasticloadbalancing.amazonaws.com", name: "DescribeTargetHealth", readOnly: true, weight: 10 },
  { source: "elasticloadbalancing.amazonaws.com", name: "RegisterTargets", readOnly: false, weight: 3, resourceType: "AWS::ElasticLoadBalancingV2::TargetGroup" },
  { source: "autoscaling.amazonaws.com", name: "UpdateAutoScalingGroup", readOnly: false, weight: 2, resourceType: "AWS::AutoScaling::AutoScalingGroup" },
  { source: "elasticache.amazonaws.com", name: "DescribeReplicationGroups", readOnly: true, weight: 5 },
  { source: "elasticache.amazonaws.com", name: "ModifyReplicationGroup", readOnly: false, weight: 1, resourceType: "AWS::ElastiCache::ReplicationGroup" },
  { source: "s3.amazonaws.com", name: "ListBuckets", readOnly: true, weight: 3 },
  { source: "s3.amazonaws.com", name: "PutBucketPolicy", readOnly: false, weight: 1, resourceType: "AWS::S3::Bucket" },
  { source: "kms.amazonaws.com", name: "Decrypt", readOnly: true, weight: 12 },
  { source: "kms.amazonaws.com", name: "GenerateDataKey", readOnly: true, weight: 6 },
  { source: "lambda.amazonaws.com", name: "UpdateFunctionCode20150331v2", readOnly: false, weight: 2, resourceType: "AWS::Lambda::Function" },
  { source: "sts.amazonaws.com", name: "AssumeRole", readOnly: true, weight: 9 },
  { source: "cloudtrail.amazonaws.com", name: "LookupEvents", readOnly: true, weight: 3 },
  { source: "iam.amazonaws.com", name: "ListRoles", readOnly: true, weight: 2, global: true },
  { source: "iam.amazonaws.com", name: "AttachRolePolicy", readOnly: false, weight: 1, resourceType: "AWS::IAM::Role", global: true },
  { source: "iam.amazonaws.com", name: "CreateAccessKey", readOnly: false, weight: 0.3, resourceType: "AWS::IAM::AccessKey", global: true },
  { source: "signin.amazonaws.com", name: "ConsoleLogin", readOnly: false, weight: 0.8, global: true },
  { source: "route53.amazonaws.com", name: "GetHealthCheckStatus", readOnly: true, weight: 5, resourceType: "AWS::Route53::HealthCheck", global: true },
  { source: "route53.amazonaws.com", name: "ChangeResourceRecordSets", readOnly: false, weight: 1, resourceType: "AWS::Route53::HostedZone", global: true },
  { source: "route53.amazonaws.com", name: "CreateTrafficPolicyVersion", readOnly: false, weight: 0.3, resourceType: "AWS::Route53::TrafficPolicy", global: true },
  { source: "route53.amazonaws.com", name: "UpdateTrafficPolicyInstance", readOnly: false, weight: 0.3, resourceType: "AWS::Route53::TrafficPolicyInstance", global: true },
  { source: "cloudfront.amazonaws.com", name: "UpdateDistribution", readOnly: false, weight: 0.5, resourceType: "AWS::CloudFront::Distribution", global: true },
];

type Actor = { type: "IAMUser" | "AssumedRole" | "Root" | "AWSService"; name: string; role?: string; agent: string; ip: string; weight: number };

const PEOPLE = ["alice", "bob", "carol", "dmitri", "eve", "farah", "gustavo", "hana", "ivan", "julia", "kenji", "lena"];
const ACTORS: Actor[] = [
  ...PEOPLE.map((name, i): Actor => ({ type: i % 3 === 0 ? "IAMUser" : "AssumedRole", name: i % 3 === 0 ? name : `${name}@example.com`, role: "AWSReservedSSO_Admin_4f3c", agent: i % 2 ? "console.amazonaws.com" : "aws-cli/2.17.4 md/Botocore#1.34.131", ip: `198.51.100.${10 + i}`, weight: 1 })),
  { type: "AssumedRole", name: "flightdeck-worker", role: "FlightdeckWorker", agent: "aws-sdk-js/3.1169.0 ua/2.1 os/linux lang/js", ip: "192.0.2.10", weight: 14 },
  { type: "AssumedRole", name: "github-actions-deploy", role: "CiDeployer", agent: "aws-sdk-js/3.1137.0 ua/2.1 os/linux lang/js", ip: "192.0.2.44", weight: 8 },
  { type: "AssumedRole", name: "terraform", role: "Terraform", agent: "APN/1.0 HashiCorp/1.0 Terraform/1.9.5", ip: "192.0.2.45", weight: 4 },
  { type: "AWSService", name: "autoscaling.amazonaws.com", agent: "autoscaling.amazonaws.com", ip: "autoscaling.amazonaws.com", weight: 5 },
  { type: "AWSService", name: "elasticloadbalancing.amazonaws.com", agent: "elasticloadbalancing.amazonaws.com", ip: "elasticloadbalancing.amazonaws.com", weight: 3 },
  { type: "Root", name: "root", agent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15", ip: "203.0.113.200", weight: 0.05 },
];

const SERVICES = ["flights", "hotels", "payments", "search", "checkout", "accounts", "content", "suggest"];
const ERRORS = [
  { code: "AccessDenied", message: "User is not authorized to perform this operation" },
  { code: "Client.UnauthorizedOperation", message: "You are not authorized to perform this operation." },
  { code: "ThrottlingException", message: "Rate exceeded" },
  { code: "InvalidParameterValue", message: "Value for parameter is invalid" },
];

/** mulberry32: tiny, fast, seedable; for test data only. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T extends { weight: number }>(items: T[], pick: () => number): T {
  const total = items.reduce((s, i) => s + i.weight, 0);
  let r = pick() * total;
  for (const item of items) if ((r -= item.weight) < 0) return item;
  return items[items.length - 1] as T;
}

const hex = (pick: () => number, n: number) => Array.from({ length: n }, () => "0123456789abcdef"[Math.floor(pick() * 16)]).join("");
const uuid = (pick: () => number) => `${hex(pick, 8)}-${hex(pick, 4)}-4${hex(pick, 3)}-a${hex(pick, 3)}-${hex(pick, 12)}`;

function resourceArn(template: Template, pick: () => number, account: string, region: string): string {
  const service = SERVICES[Math.floor(pick() * SERVICES.length)] as string;
  switch (template.resourceType) {
    case "AWS::EC2::Instance": return `arn:aws:ec2:${region}:${account}:instance/i-0${hex(pick, 16)}`;
    case "AWS::EC2::SecurityGroup": return `arn:aws:ec2:${region}:${account}:security-group/sg-0${hex(pick, 16)}`;
    case "AWS::ElasticLoadBalancingV2::TargetGroup": return `arn:aws:elasticloadbalancing:${region}:${account}:targetgroup/${service}-tg/${hex(pick, 16)}`;
    case "AWS::AutoScaling::AutoScalingGroup": return `arn:aws:autoscaling:${region}:${account}:autoScalingGroup:${uuid(pick)}:autoScalingGroupName/${service}-asg`;
    case "AWS::ElastiCache::ReplicationGroup": return `arn:aws:elasticache:${region}:${account}:replicationgroup:${service}-cache`;
    case "AWS::S3::Bucket": return `arn:aws:s3:::flightdeck-${service}-assets`;
    case "AWS::Lambda::Function": return `arn:aws:lambda:${region}:${account}:function:${service}-edge-auth`;
    case "AWS::IAM::Role": return `arn:aws:iam::${account}:role/${service}-task-role`;
    case "AWS::IAM::AccessKey": return `arn:aws:iam::${account}:accesskey/AKIA${hex(pick, 16).toUpperCase()}`;
    case "AWS::Route53::HealthCheck": return `arn:aws:route53:::healthcheck/${uuid(pick)}`;
    case "AWS::Route53::HostedZone": return `arn:aws:route53:::hostedzone/Z0${hex(pick, 12).toUpperCase()}`;
    case "AWS::Route53::TrafficPolicy": return `arn:aws:route53:::trafficpolicy/${uuid(pick)}`;
    case "AWS::Route53::TrafficPolicyInstance": return `arn:aws:route53:::trafficpolicyinstance/${uuid(pick)}`;
    default: return `arn:aws:cloudfront::${account}:distribution/E${hex(pick, 13).toUpperCase()}`;
  }
}

function identity(actor: Actor, account: string, pick: () => number): Record<string, unknown> {
  if (actor.type === "AWSService") return { type: "AWSService", invokedBy: actor.name };
  if (actor.type === "Root") return { type: "Root", principalId: account, arn: `arn:aws:iam::${account}:root`, accountId: account };
  if (actor.type === "IAMUser") {
    return { type: "IAMUser", principalId: `AIDA${hex(pick, 16).toUpperCase()}`, arn: `arn:aws:iam::${account}:user/${actor.name}`, accountId: account, accessKeyId: `AKIA${hex(pick, 16).toUpperCase()}`, userName: actor.name };
  }
  const roleId = `AROA${actor.role?.slice(0, 10).toUpperCase()}`;
  return {
    type: "AssumedRole",
    principalId: `${roleId}:${actor.name}`,
    arn: `arn:aws:sts::${account}:assumed-role/${actor.role}/${actor.name}`,
    accountId: account,
    accessKeyId: `ASIA${hex(pick, 16).toUpperCase()}`,
    sessionContext: { sessionIssuer: { type: "Role", principalId: roleId, arn: `arn:aws:iam::${account}:role/${actor.role}`, accountId: account, userName: actor.role }, attributes: { mfaAuthenticated: "false" } },
  };
}

/** A time in [from, to), weighted towards working hours (UTC 01–14). */
function timeIn(from: number, to: number, pick: () => number): number {
  for (;;) {
    const t = from + Math.floor(pick() * (to - from));
    const hour = new Date(t).getUTCHours();
    if (hour >= 1 && hour <= 14 ? true : pick() < 0.35) return t;
  }
}

export function* syntheticRecords(options: SyntheticOptions): Generator<Record<string, unknown>> {
  const pick = prng(options.seed);
  const accounts = options.accounts ?? ["111122223333", "444455556666", "777788889999"];
  const regions = options.regions ?? ["us-east-1", "ap-southeast-1", "ap-south-1", "eu-west-1", "us-west-2", "eu-central-1", "ap-northeast-1", "sa-east-1"];
  for (let i = 0; i < options.count; i++) {
    const template = weighted(TEMPLATES, pick);
    const actor = template.source === "signin.amazonaws.com" ? (ACTORS[Math.floor(pick() * PEOPLE.length)] as Actor) : weighted(ACTORS, pick);
    const account = accounts[Math.floor(pick() * pick() * accounts.length)] as string;
    const region = template.global ? "us-east-1" : (regions[Math.floor(pick() * pick() * regions.length)] as string);
    const time = timeIn(options.from, options.to, pick);
    const arn = template.resourceType ? resourceArn(template, pick, account, region) : undefined;
    const error = pick() < (template.readOnly ? 0.01 : 0.06) ? ERRORS[Math.floor(pick() * ERRORS.length)] : undefined;
    yield {
      eventVersion: "1.09",
      userIdentity: identity(actor, account, pick),
      eventTime: new Date(time).toISOString().replace(/\.\d{3}Z$/, "Z"),
      eventSource: template.source,
      eventName: template.name,
      awsRegion: region,
      sourceIPAddress: actor.ip,
      userAgent: actor.agent,
      ...(error ? { errorCode: error.code, errorMessage: error.message } : {}),
      requestParameters: arn ? { resourceArn: arn, clientToken: uuid(pick), dryRun: false } : template.readOnly ? { maxResults: 100, filterSet: { items: [{ name: "tag:service", valueSet: { items: [{ value: SERVICES[i % SERVICES.length] }] } }] } } : null,
      responseElements: template.readOnly || error ? null : { requestId: uuid(pick), _return: true },
      requestID: uuid(pick),
      eventID: uuid(pick),
      readOnly: template.readOnly,
      ...(arn ? { resources: [{ accountId: account, type: template.resourceType, ARN: arn }] } : {}),
      eventType: template.source === "signin.amazonaws.com" ? "AwsConsoleSignIn" : "AwsApiCall",
      managementEvent: true,
      recipientAccountId: account,
      eventCategory: "Management",
      tlsDetails: { tlsVersion: "TLSv1.3", cipherSuite: "TLS_AES_128_GCM_SHA256", clientProvidedHostHeader: `${template.source.split(".")[0]}.${region}.amazonaws.com` },
    };
  }
}
