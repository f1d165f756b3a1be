/** The `format` field every Latent Studio graph file starts with. */
export const GRAPH_FORMAT = 'latent-studio.graph';

/**
 * The graph schema version this build writes. Files with a lower version are migrated
 * (see migrations.ts); files with a higher one are refused, never guessed at.
 */
export const CURRENT_SCHEMA_VERSION = 2;
