import { describe, expect, it } from "vitest";
import { textResponse } from "./text-stream";

describe("textResponse", () => {
  it("a stream answers with an empty first chunk before its source has anything, then the source's chunks", async () => {
    let push!: ReadableStreamDefaultController<Uint8Array>;
    const source = new ReadableStream<Uint8Array>({ start: (c) => void (push = c) });
    const response = textResponse(source);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    const reader = response.body!.getReader();
    // nothing has been written to the source: the first read still resolves
    expect(await reader.read()).toEqual({ done: false, value: new Uint8Array(0) });
    push.enqueue(new TextEncoder().encode("line 1\n"));
    push.close();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("line 1\n");
    expect((await reader.read()).done).toBe(true);
  });

  it("the client going cancels the source, with its reason", async () => {
    let reason: unknown;
    const response = textResponse(new ReadableStream<Uint8Array>({ cancel: (r) => void (reason = r) }));
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel("client went");
    expect(reason).toBe("client went");
  });

  it("a string is the whole answer", async () => {
    expect(await textResponse("STEP 1/2\n").text()).toBe("STEP 1/2\n");
  });
});
