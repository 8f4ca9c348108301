// The keep-alive race every HTTP/1.1 client has: RFC 9112 §9.3.1 lets either side close an idle connection,
// so a request sent on a kept-alive connection just as the server closes it fails before the server has
// seen it. Node's documentation (http, `request.reusedSocket`) answers it by sending the request again on
// a new connection, which is safe only because the server never saw the first.

/** Marks a request's error with whether it went on a kept-alive (reused) connection. */
export function markReused(e: Error, reusedSocket: boolean): Error {
  return Object.assign(e, { reusedSocket });
}

/** Whether a request failed because the server closed the kept-alive connection we reused (see markReused). */
export function closedWhileIdle(e: unknown): boolean {
  if ((e as { reusedSocket?: boolean }).reusedSocket !== true) return false;
  const code = (e as { code?: string }).code;
  return code === "ECONNRESET" || code === "EPIPE" || (e as Error).message === "socket hang up";
}
