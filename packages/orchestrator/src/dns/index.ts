export { BuiltinDns } from "./builtin";
export { PowerDns, PowerDnsError } from "./powerdns";
export { DnsOwnershipError, type DnsProviderClient, type DnsRecords } from "./provider";
