/** The application's version, written into every saved file's header (kept equal to package.json by a test). */
export const APP_VERSION = '0.1.0';
