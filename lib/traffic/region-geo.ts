import type { GeoPoint, Nearness } from "./types";

// Latency routing sends a client to the region with the lowest latency from its
// resolver. Flightdeck has no such measurements of its own, so nearness comes in
// as data: a latency matrix when the caller has one, otherwise great-circle
// distance between region locations. The table below is the default — the
// approximate city of each commercial region — and can be overridden per call.

export const REGION_COORDINATES: Readonly<Record<string, GeoPoint>> = {
  "us-east-1": { lat: 38.9, lon: -77.4 }, // N. Virginia
  "us-east-2": { lat: 40.0, lon: -83.0 }, // Ohio
  "us-west-1": { lat: 37.4, lon: -121.9 }, // N. California
  "us-west-2": { lat: 45.8, lon: -119.7 }, // Oregon
  "ca-central-1": { lat: 45.5, lon: -73.6 }, // Montreal
  "sa-east-1": { lat: -23.5, lon: -46.6 }, // São Paulo
  "eu-west-1": { lat: 53.3, lon: -6.3 }, // Dublin
  "eu-west-2": { lat: 51.5, lon: -0.1 }, // London
  "eu-west-3": { lat: 48.9, lon: 2.35 }, // Paris
  "eu-central-1": { lat: 50.1, lon: 8.7 }, // Frankfurt
  "eu-north-1": { lat: 59.3, lon: 18.1 }, // Stockholm
  "eu-south-1": { lat: 45.5, lon: 9.2 }, // Milan
  "me-south-1": { lat: 26.1, lon: 50.6 }, // Bahrain
  "af-south-1": { lat: -33.9, lon: 18.4 }, // Cape Town
  "ap-south-1": { lat: 19.1, lon: 72.9 }, // Mumbai
  "ap-south-2": { lat: 17.4, lon: 78.5 }, // Hyderabad
  "ap-southeast-1": { lat: 1.35, lon: 103.8 }, // Singapore
  "ap-southeast-2": { lat: -33.9, lon: 151.2 }, // Sydney
  "ap-southeast-3": { lat: -6.2, lon: 106.8 }, // Jakarta
  "ap-east-1": { lat: 22.3, lon: 114.2 }, // Hong Kong
  "ap-northeast-1": { lat: 35.7, lon: 139.7 }, // Tokyo
  "ap-northeast-2": { lat: 37.6, lon: 127.0 }, // Seoul
  "ap-northeast-3": { lat: 34.7, lon: 135.5 }, // Osaka
};

const EARTH_RADIUS_KM = 6371;

function toRadians(degrees: number): number {
  return (degrees * Math.PI) / 180;
}

/** Great-circle distance in km. */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLon = toRadians(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A comparable distance from a client region to a target (a region code or a
 * point). Lower is nearer; Infinity when nothing is known. Latency values (ms) and
 * km are never compared with each other for one client: if the matrix has a row
 * for the client, only that row is used.
 */
export function distanceFrom(nearness: Nearness | undefined, client: string, target: string | GeoPoint): number {
  if (typeof target === "string" && target === client) return 0;
  const row = nearness?.latencyMs?.[client];
  if (row !== undefined) {
    if (typeof target !== "string") return Infinity;
    return row[target] ?? nearness?.latencyMs?.[target]?.[client] ?? Infinity;
  }
  const coordinates = nearness?.coordinates ?? REGION_COORDINATES;
  const from = coordinates[client] ?? REGION_COORDINATES[client];
  const to = typeof target === "string" ? (coordinates[target] ?? REGION_COORDINATES[target]) : target;
  return from !== undefined && to !== undefined ? haversineKm(from, to) : Infinity;
}

// ELB DNS names end in ".<region>.elb.amazonaws.com" (ALB/CLB) or
// ".elb.<region>.amazonaws.com" (NLB); Elastic Beanstalk uses ".<region>.elasticbeanstalk.com".
const REGION_IN_DNS = [
  /\.([a-z]{2}(?:-gov)?-[a-z]+-\d+)\.elb\.amazonaws\.com\.?$/i,
  /\.elb\.([a-z]{2}(?:-gov)?-[a-z]+-\d+)\.amazonaws\.com\.?$/i,
  /\.([a-z]{2}(?:-gov)?-[a-z]+-\d+)\.elasticbeanstalk\.com\.?$/i,
];

/** The AWS region a load balancer's DNS name points into, when the name says so. */
export function regionFromDnsName(dnsName: string): string | undefined {
  for (const pattern of REGION_IN_DNS) {
    const match = pattern.exec(dnsName);
    if (match?.[1] !== undefined) return match[1].toLowerCase();
  }
  return undefined;
}
