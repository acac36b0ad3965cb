// The demo estate, shaped like the reference architecture: a home region
// (Singapore) and a second region (Mumbai); one multi-region service with a bespoke
// heartbeat ELB and health check per region; shared proxies; single-region services;
// a Redis primary at home and a replica per region.

export const demoAccount = { accountId: "111122223333", name: "demo-production" };

export const demoRegions = [
  { code: "ap-southeast-1", name: "Singapore", latitude: 1.3521, longitude: 103.8198 },
  { code: "ap-south-1", name: "Mumbai", latitude: 19.076, longitude: 72.8777 },
];

export const DEMO_HOSTED_ZONE = "Z0FLIGHTDECKDEMO";

export const demoServices = [
  { slug: "metasearch-flights", name: "Metasearch — flights", pathPattern: "/metasearch/flights*", topology: "multi_region", recordName: "flights.origin.flightdeck.demo" },
  { slug: "metasearch-hotels", name: "Metasearch — hotels", pathPattern: "/metasearch/hotels*", topology: "single_region", recordName: "hotels.origin.flightdeck.demo" },
  { slug: "checkout", name: "Checkout", pathPattern: "/checkout*", topology: "single_region", recordName: "checkout.origin.flightdeck.demo" },
  { slug: "accounts-api", name: "Accounts API", pathPattern: "/api/accounts*", topology: "single_region", recordName: "accounts.origin.flightdeck.demo" },
  { slug: "content-cms", name: "Content CMS", pathPattern: "/content*", topology: "single_region", recordName: "content.origin.flightdeck.demo" },
  { slug: "search-suggest", name: "Search suggestions", pathPattern: "/suggest*", topology: "single_region", recordName: "suggest.origin.flightdeck.demo" },
] as const;

export const demoSharedProxies = [
  { name: "proxy-sg", regionCode: "ap-southeast-1", dnsName: "proxy-sg-0a1b.ap-southeast-1.elb.amazonaws.com" },
  { name: "proxy-bom", regionCode: "ap-south-1", dnsName: "proxy-bom-7c8d.ap-south-1.elb.amazonaws.com" },
];

/** One bespoke ELB per region of the multi-region service, each following its app cluster's heartbeat. */
export function demoBespokeElbs(heartbeatBasePort: number) {
  return [
    { name: "flights-hb-sg", regionCode: "ap-southeast-1", dnsName: "flights-hb-sg-2c3d.ap-southeast-1.elb.amazonaws.com", cluster: "metasearch-flights-sg", port: heartbeatBasePort },
    { name: "flights-hb-bom", regionCode: "ap-south-1", dnsName: "flights-hb-bom-4e5f.ap-south-1.elb.amazonaws.com", cluster: "metasearch-flights-bom", port: heartbeatBasePort + 1 },
  ].map((elb) => ({ ...elb, heartbeatUrl: `http://127.0.0.1:${elb.port}/heartbeat` }));
}

export const demoRedis = [
  { name: "redis-sg-primary", regionCode: "ap-southeast-1", role: "primary" },
  { name: "redis-sg-replica", regionCode: "ap-southeast-1", role: "replica" },
  { name: "redis-bom-replica", regionCode: "ap-south-1", role: "replica" },
] as const;
