/**
 * The page served when the renderer has not been built: says how to build it. No script (the CSP
 * forbids inline scripts anyway), inline style only.
 */
export const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Latent Studio</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 4em auto; line-height: 1.5">
<h1>Latent Studio</h1>
<p>The server is running, but the app's web page has not been built yet.</p>
<p>Build it with <code>npm run build:renderer</code>, then reload this page.</p>
</body>
</html>
`;
