// Runs in the browser before the portal's own modules (Next's instrumentation-client convention).
// Zod 4 probes for eval with `new Function` when it builds its first object schema, to compile faster
// parsers. The portal's CSP has no 'unsafe-eval', so the browser blocks the probe and reports a
// securitypolicyviolation even though zod catches the error; jitless skips the probe and the compile.
import { z } from "zod";

z.config({ jitless: true });
