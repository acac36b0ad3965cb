// What the seeded CloudTrail background is made of: the people and services acting in the
// sandbox account and the management events they typically cause. The mix (automation reads,
// CI deploys, a few humans, an occasional root login, AWS services acting on their own, some
// AccessDenied) is what an auditor would see in a real multi-region account.

export interface Actor {
  key: string;
  kind: "IAMUser" | "AssumedRole" | "Root" | "AWSService";
  name: string;
  /** Role name for AssumedRole actors. */
  role?: string;
  accessKeyId?: string;
  userAgent: string;
  sourceIPAddress: string;
}

export const ACTORS: Actor[] = [
  { key: "alice", kind: "IAMUser", name: "alice", accessKeyId: "AKIAQ3EGALICE7EXAMPL", userAgent: "aws-cli/2.17.4 md/Botocore#1.34.131 ua/2.0 os/macos#23.5.0", sourceIPAddress: "203.0.113.7" },
  { key: "bob", kind: "IAMUser", name: "bob", accessKeyId: "AKIAQ3EGBOB00EXAMPLE", userAgent: "console.amazonaws.com", sourceIPAddress: "198.51.100.23" },
  { key: "ci", kind: "IAMUser", name: "ci-deployer", accessKeyId: "AKIAQ3EGCIDEPLOYER01", userAgent: "aws-sdk-js/3.1137.0 ua/2.1 os/linux#6.8 lang/js md/nodejs#20.20.2", sourceIPAddress: "192.0.2.44" },
  { key: "maria", kind: "AssumedRole", name: "maria@example.com", role: "AWSReservedSSO_AdministratorAccess_4f3c2b1a", accessKeyId: "ASIAQ3EGMARIA0EXAMPL", userAgent: "console.amazonaws.com", sourceIPAddress: "198.51.100.87" },
  { key: "worker", kind: "AssumedRole", name: "flightdeck-worker", role: "FlightdeckWorker", accessKeyId: "ASIAQ3EGWORKER0EXAMP", userAgent: "aws-sdk-js/3.1169.0 ua/2.1 os/linux#6.8 lang/js md/nodejs#20.20.2 api/route-53", sourceIPAddress: "192.0.2.10" },
  { key: "root", kind: "Root", name: "root", userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", sourceIPAddress: "203.0.113.200" },
  { key: "autoscaling", kind: "AWSService", name: "autoscaling.amazonaws.com", userAgent: "autoscaling.amazonaws.com", sourceIPAddress: "autoscaling.amazonaws.com" },
  { key: "elb", kind: "AWSService", name: "elasticloadbalancing.amazonaws.com", userAgent: "elasticloadbalancing.amazonaws.com", sourceIPAddress: "elasticloadbalancing.amazonaws.com" },
];

export interface Template {
  source: string;
  name: string;
  readOnly: boolean;
  /** Relative frequency. */
  weight: number;
  actors: string[];
  /** Global services log in us-east-1 only. */
  global?: boolean;
  resourceType?: string;
  resource?: (pick: () => number, region: string) => string;
  params?: (resource: string | undefined, region: string) => Record<string, unknown>;
  error?: { code: string; message: string; rate: number };
  eventType?: string;
}

const hex = (pick: () => number, length: number) => Array.from({ length }, () => Math.floor(pick() * 16).toString(16)).join("");
const instanceId = (pick: () => number) => `i-0${hex(pick, 16)}`;
const service = (pick: () => number) => ["flights", "hotels", "payments", "search", "checkout"][Math.floor(pick() * 5)] as string;

const DENIED = { code: "AccessDenied", message: "User is not authorized to perform this operation", rate: 0.08 };
const EC2_DENIED = { code: "Client.UnauthorizedOperation", message: "You are not authorized to perform this operation.", rate: 0.05 };

export const TEMPLATES: Template[] = [
  { source: "ec2.amazonaws.com", name: "DescribeInstances", readOnly: true, weight: 14, actors: ["worker", "alice", "elb"] },
  { source: "ec2.amazonaws.com", name: "RunInstances", readOnly: false, weight: 4, actors: ["autoscaling", "ci", "alice"], resourceType: "AWS::EC2::Instance", resource: instanceId, params: (_r, region) => ({ instanceType: "m7g.large", minCount: 1, maxCount: 1, availabilityZone: `${region}a` }), error: EC2_DENIED },
  { source: "ec2.amazonaws.com", name: "TerminateInstances", readOnly: false, weight: 3, actors: ["autoscaling", "bob"], resourceType: "AWS::EC2::Instance", resource: instanceId, params: (r) => ({ instancesSet: { items: [{ instanceId: r }] } }) },
  { source: "ec2.amazonaws.com", name: "AuthorizeSecurityGroupIngress", readOnly: false, weight: 2, actors: ["alice", "bob", "maria"], resourceType: "AWS::EC2::SecurityGroup", resource: (p) => `sg-0${hex(p, 16)}`, params: (r) => ({ groupId: r, ipPermissions: { items: [{ ipProtocol: "tcp", fromPort: 443, toPort: 443 }] } }), error: { code: "Client.InvalidPermission.Duplicate", message: "the specified rule already exists", rate: 0.2 } },
  { source: "elasticloadbalancing.amazonaws.com", name: "DescribeTargetHealth", readOnly: true, weight: 10, actors: ["worker"] },
  { source: "elasticloadbalancing.amazonaws.com", name: "RegisterTargets", readOnly: false, weight: 4, actors: ["ci", "autoscaling"], resourceType: "AWS::ElasticLoadBalancingV2::TargetGroup", resource: (p) => `${service(p)}-tg`, params: (r) => ({ targetGroupArn: `arn:aws:elasticloadbalancing:::targetgroup/${r}` }) },
  { source: "autoscaling.amazonaws.com", name: "UpdateAutoScalingGroup", readOnly: false, weight: 2, actors: ["ci", "bob"], resourceType: "AWS::AutoScaling::AutoScalingGroup", resource: (p) => `${service(p)}-asg`, params: (r) => ({ autoScalingGroupName: r, desiredCapacity: 6 }), error: DENIED },
  { source: "elasticache.amazonaws.com", name: "DescribeReplicationGroups", readOnly: true, weight: 6, actors: ["worker"] },
  { source: "elasticache.amazonaws.com", name: "ModifyReplicationGroup", readOnly: false, weight: 1, actors: ["bob", "maria"], resourceType: "AWS::ElastiCache::ReplicationGroup", resource: (p) => `${service(p)}-cache`, params: (r) => ({ replicationGroupId: r, applyImmediately: true }) },
  { source: "s3.amazonaws.com", name: "ListBuckets", readOnly: true, weight: 3, actors: ["alice", "maria", "ci"] },
  { source: "s3.amazonaws.com", name: "PutBucketPolicy", readOnly: false, weight: 1, actors: ["alice", "maria"], resourceType: "AWS::S3::Bucket", resource: (p) => `flightdeck-${service(p)}-assets`, params: (r) => ({ bucketName: r, policy: "…" }), error: DENIED },
  { source: "kms.amazonaws.com", name: "Decrypt", readOnly: true, weight: 6, actors: ["worker", "ci"] },
  { source: "lambda.amazonaws.com", name: "UpdateFunctionCode20150331v2", readOnly: false, weight: 2, actors: ["ci"], resourceType: "AWS::Lambda::Function", resource: (p) => `${service(p)}-edge-auth`, params: (r) => ({ functionName: r, publish: true }) },
  { source: "sts.amazonaws.com", name: "AssumeRole", readOnly: true, weight: 5, actors: ["ci", "worker"], params: () => ({ roleArn: "arn:aws:iam::123456789012:role/FlightdeckWorker", roleSessionName: "flightdeck-worker" }) },
  { source: "cloudtrail.amazonaws.com", name: "LookupEvents", readOnly: true, weight: 4, actors: ["worker"] },
  { source: "iam.amazonaws.com", name: "ListRoles", readOnly: true, weight: 3, actors: ["alice", "maria"], global: true },
  { source: "iam.amazonaws.com", name: "CreateAccessKey", readOnly: false, weight: 1, actors: ["alice", "root"], global: true, resourceType: "AWS::IAM::AccessKey", resource: (p) => `AKIAQ3EG${hex(p, 12).toUpperCase()}`, error: DENIED },
  { source: "iam.amazonaws.com", name: "AttachRolePolicy", readOnly: false, weight: 1, actors: ["maria", "alice"], global: true, resourceType: "AWS::IAM::Role", resource: (p) => `${service(p)}-task-role`, params: (r) => ({ roleName: r, policyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" }), error: DENIED },
  { source: "signin.amazonaws.com", name: "ConsoleLogin", readOnly: false, weight: 2, actors: ["bob", "maria", "root", "alice"], global: true, eventType: "AwsConsoleSignIn", error: { code: "", message: "Failed authentication", rate: 0.1 } },
  { source: "route53.amazonaws.com", name: "ListHostedZones", readOnly: true, weight: 4, actors: ["worker", "alice"], global: true },
  { source: "route53.amazonaws.com", name: "GetHealthCheckStatus", readOnly: true, weight: 6, actors: ["worker"], global: true, resourceType: "AWS::Route53::HealthCheck", resource: (p) => `${hex(p, 8)}-${hex(p, 4)}-${hex(p, 4)}-${hex(p, 4)}-${hex(p, 12)}` },
  { source: "cloudfront.amazonaws.com", name: "UpdateDistribution", readOnly: false, weight: 1, actors: ["ci", "alice"], global: true, resourceType: "AWS::CloudFront::Distribution", resource: (p) => `E${hex(p, 13).toUpperCase()}`, params: (r) => ({ id: r, ifMatch: "E2QWRUHAPOMQZL" }) },
];

/** Regions with activity, and how busy each is relative to the others. */
export const REGION_ACTIVITY: Record<string, number> = {
  "us-east-1": 5,
  "ap-southeast-1": 4,
  "ap-south-1": 3,
  "eu-west-1": 2,
  "us-west-2": 1,
  "ap-northeast-1": 1,
};
