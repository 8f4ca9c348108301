// Streamed text answers (a group's log, a build's log followed): their headers go out at once.
// Next's server sends a streamed answer's status and headers only with its first chunk, so a follow of a
// build still queued, or of a quiet pod from now, would leave the client without even a status: it
// could not tell a stream that waits for lines from a server that hangs.

/** The headers of every streamed text answer; `x-accel-buffering: no` keeps an nginx in front from holding lines back. */
const TEXT_STREAM_HEADERS = {
  "content-type": "text/plain; charset=utf-8",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "x-accel-buffering": "no",
};

/**
 * A 200 text/plain answer: a string as it is, or a stream that starts with an empty chunk (so the server
 * writes the status and headers before the first line) and then gives `body`'s chunks. Cancelling the
 * answer (the client went) cancels `body`, with the same reason.
 */
export function textResponse(body: string | ReadableStream<Uint8Array>): Response {
  if (typeof body === "string") return new Response(body, { headers: TEXT_STREAM_HEADERS });
  const reader = body.getReader();
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        return controller.enqueue(new Uint8Array(0));
      }
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return new Response(stream, { headers: TEXT_STREAM_HEADERS });
}
