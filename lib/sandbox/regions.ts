// AWS regions as the sandbox needs them: which names exist (document validation), where they
// are (latency and geoproximity routing pick the nearest one, which is what real latency
// measurements amount to at this scale) and which continent and country a client there is in
// (geo routing).

interface RegionInfo {
  lat: number;
  lon: number;
  continent: string;
  country: string;
}

export const REGIONS: Record<string, RegionInfo> = {
  "us-east-1": { lat: 38.9, lon: -77.4, continent: "NA", country: "US" },
  "us-east-2": { lat: 40.0, lon: -83.0, continent: "NA", country: "US" },
  "us-west-1": { lat: 37.4, lon: -121.9, continent: "NA", country: "US" },
  "us-west-2": { lat: 45.8, lon: -119.7, continent: "NA", country: "US" },
  "ca-central-1": { lat: 45.5, lon: -73.6, continent: "NA", country: "CA" },
  "ca-west-1": { lat: 51.0, lon: -114.1, continent: "NA", country: "CA" },
  "mx-central-1": { lat: 20.6, lon: -100.4, continent: "NA", country: "MX" },
  "sa-east-1": { lat: -23.5, lon: -46.6, continent: "SA", country: "BR" },
  "eu-west-1": { lat: 53.3, lon: -6.3, continent: "EU", country: "IE" },
  "eu-west-2": { lat: 51.5, lon: -0.1, continent: "EU", country: "GB" },
  "eu-west-3": { lat: 48.9, lon: 2.4, continent: "EU", country: "FR" },
  "eu-central-1": { lat: 50.1, lon: 8.7, continent: "EU", country: "DE" },
  "eu-central-2": { lat: 47.4, lon: 8.5, continent: "EU", country: "CH" },
  "eu-north-1": { lat: 59.3, lon: 18.1, continent: "EU", country: "SE" },
  "eu-south-1": { lat: 45.5, lon: 9.2, continent: "EU", country: "IT" },
  "eu-south-2": { lat: 41.6, lon: -0.9, continent: "EU", country: "ES" },
  "me-south-1": { lat: 26.1, lon: 50.6, continent: "AS", country: "BH" },
  "me-central-1": { lat: 25.2, lon: 55.3, continent: "AS", country: "AE" },
  "il-central-1": { lat: 32.1, lon: 34.8, continent: "AS", country: "IL" },
  "af-south-1": { lat: -33.9, lon: 18.4, continent: "AF", country: "ZA" },
  "ap-south-1": { lat: 19.1, lon: 72.9, continent: "AS", country: "IN" },
  "ap-south-2": { lat: 17.4, lon: 78.5, continent: "AS", country: "IN" },
  "ap-southeast-1": { lat: 1.35, lon: 103.8, continent: "AS", country: "SG" },
  "ap-southeast-2": { lat: -33.9, lon: 151.2, continent: "OC", country: "AU" },
  "ap-southeast-3": { lat: -6.2, lon: 106.8, continent: "AS", country: "ID" },
  "ap-southeast-4": { lat: -37.8, lon: 145.0, continent: "OC", country: "AU" },
  "ap-southeast-5": { lat: 3.1, lon: 101.7, continent: "AS", country: "MY" },
  "ap-southeast-7": { lat: 13.8, lon: 100.5, continent: "AS", country: "TH" },
  "ap-northeast-1": { lat: 35.7, lon: 139.7, continent: "AS", country: "JP" },
  "ap-northeast-2": { lat: 37.6, lon: 127.0, continent: "AS", country: "KR" },
  "ap-northeast-3": { lat: 34.7, lon: 135.5, continent: "AS", country: "JP" },
  "ap-east-1": { lat: 22.3, lon: 114.2, continent: "AS", country: "HK" },
};

export const isRegion = (name: string): boolean => Object.hasOwn(REGIONS, name);

/** Route 53's health checker regions (ap-south-1 is not one of them). */
export const CHECKER_REGIONS = [
  "us-east-1",
  "us-west-1",
  "us-west-2",
  "eu-west-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-northeast-1",
  "sa-east-1",
] as const;

/** One address per checker region, from Route 53's published health-checker ranges. */
export const CHECKER_IPS: Record<string, string> = {
  "us-east-1": "54.243.31.201",
  "us-west-1": "54.183.255.140",
  "us-west-2": "54.244.52.201",
  "eu-west-1": "54.228.16.12",
  "ap-southeast-1": "54.255.254.201",
  "ap-southeast-2": "54.252.79.140",
  "ap-northeast-1": "54.250.253.201",
  "sa-east-1": "177.71.207.140",
};

/** Great-circle distance in km; the stand-in for network latency between two places. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

export function regionDistance(from: string, to: string): number {
  const a = REGIONS[from];
  const b = REGIONS[to];
  if (!a || !b) return Number.POSITIVE_INFINITY;
  return distanceKm(a, b);
}

export const CONTINENTS = ["AF", "AN", "AS", "EU", "OC", "NA", "SA"] as const;
