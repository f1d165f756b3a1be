/** The drag-and-drop type under which a palette entry carries its node kind. */
export const KIND_MIME = 'application/x-latent-studio-kind';
