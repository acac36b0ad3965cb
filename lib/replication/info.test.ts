import { describe, expect, it } from "vitest";
import { parseReplicaEntry, parseReplicationInfo } from "./info";

const primaryInfo = [
  "# Replication",
  "role:master",
  "connected_slaves:2",
  "slave0:ip=127.0.0.1,port=7001,state=online,offset=1200,lag=0",
  "slave1:ip=10.0.0.7,port=6379,state=wait_bgsave,offset=0,lag=3",
  "master_failover_state:no-failover",
  "master_replid:aaaa",
  "master_replid2:0000000000000000000000000000000000000000",
  "master_repl_offset:1500",
  "",
].join("\r\n");

const replicaInfo = [
  "# Replication",
  "role:slave",
  "master_host:127.0.0.1",
  "master_port:7000",
  "master_link_status:up",
  "master_last_io_seconds_ago:1",
  "master_sync_in_progress:0",
  "slave_read_repl_offset:1490",
  "slave_repl_offset:1480",
  "master_replid:aaaa",
  "master_repl_offset:1480",
].join("\n");

describe("parseReplicationInfo", () => {
  it.each([
    {
      name: "primary with two replicas",
      text: primaryInfo,
      want: { role: "master", masterReplid: "aaaa", masterReplOffset: 1500, masterLinkStatus: null, slaveReplOffset: null, replicaCount: 2 },
    },
    {
      name: "replica with link up",
      text: replicaInfo,
      want: { role: "slave", masterReplid: "aaaa", masterReplOffset: 1480, masterLinkStatus: "up", slaveReplOffset: 1480, replicaCount: 0 },
    },
    {
      name: "empty (INFO hidden by a managed service)",
      text: "",
      want: { role: "unknown", masterReplid: null, masterReplOffset: null, masterLinkStatus: null, slaveReplOffset: null, replicaCount: 0 },
    },
  ])("$name", ({ text, want }) => {
    const info = parseReplicationInfo(text);
    expect({
      role: info.role,
      masterReplid: info.masterReplid,
      masterReplOffset: info.masterReplOffset,
      masterLinkStatus: info.masterLinkStatus,
      slaveReplOffset: info.slaveReplOffset,
      replicaCount: info.replicas.length,
    }).toEqual(want);
  });

  it("reads link details of a replica that lost its primary", () => {
    const info = parseReplicationInfo("role:slave\nmaster_link_status:down\nmaster_last_io_seconds_ago:-1\nmaster_sync_in_progress:1\n");
    expect(info).toMatchObject({ masterLinkStatus: "down", masterLastIoSecondsAgo: null, syncInProgress: true });
  });

  it("reads the replica list of a primary", () => {
    expect(parseReplicationInfo(primaryInfo).replicas[1]).toEqual({ ip: "10.0.0.7", port: 6379, state: "wait_bgsave", offset: 0, lagSeconds: 3 });
  });
});

describe("parseReplicaEntry", () => {
  it.each([
    ["ip=1.2.3.4,port=6379,state=online,offset=10,lag=1", { ip: "1.2.3.4", port: 6379, state: "online", offset: 10, lagSeconds: 1 }],
    ["ip=1.2.3.4,port=6379,offset=10", { ip: "1.2.3.4", port: 6379, state: "unknown", offset: 10, lagSeconds: null }],
    ["ip=1.2.3.4,state=online,offset=10", null],
    ["port=1,offset=x,ip=h", null],
  ])("%s", (value, want) => {
    expect(parseReplicaEntry(value)).toEqual(want);
  });
});
