import { describe, expect, it } from "vitest";
import { gatewayOrigin, gatewayUrl } from "./gateway-url";

const headers = (h: Record<string, string>) => new Headers(h);

describe("the terminal gateway's URL", () => {
  it("is the portal's host at CAPSTAN_GATEWAY_PORT, wss behind https", () => {
    expect(gatewayUrl(headers({ host: "localhost:3000" }), "http://localhost:3000/api", { CAPSTAN_GATEWAY_PORT: "3001" })).toBe("ws://localhost:3001");
    expect(gatewayUrl(headers({ host: "capstan.example.com", "x-forwarded-proto": "https" }), "http://10.0.0.1:3000/api", {})).toBe(
      "wss://capstan.example.com:3001",
    );
    expect(gatewayUrl(headers({ host: "[::1]:3000" }), "http://[::1]:3000/", {})).toBe("ws://[::1]:3001");
  });

  it("is CAPSTAN_GATEWAY_URL when set, with its path, and refuses one that is not a URL", () => {
    const env = { CAPSTAN_GATEWAY_URL: "https://capstan.example.com/gateway/" };
    expect(gatewayUrl(headers({ host: "x" }), "http://x/", env)).toBe("wss://capstan.example.com/gateway");
    expect(gatewayOrigin(headers({ host: "x" }), "http://x/", env)).toBe("wss://capstan.example.com");
    expect(() => gatewayUrl(headers({}), "http://x/", { CAPSTAN_GATEWAY_URL: "ftp://x" })).toThrow(/CAPSTAN_GATEWAY_URL/);
  });
});
