/**
 * Turns off zod's JIT for the whole page. Import this module FIRST in the renderer's entry, before
 * anything that imports shared/: zod reads the setting, and probes `new Function`, when a schema is
 * constructed (shared/ builds its schemas at import time), and under `script-src 'self'` that
 * probe is refused and reported as a CSP violation. The interpreter is fast enough for our data.
 */
import { z } from 'zod';

z.config({ jitless: true });
