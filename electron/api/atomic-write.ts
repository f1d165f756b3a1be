/**
 * Atomic file writes (temp file + flush + rename). The implementation lives in the engine, which
 * needs it for the run history and exports and may not import electron/api; the handlers use it
 * from here.
 */
export { type AtomicWriteOps, writeFileAtomic } from '../engine/runs/atomic-write';
