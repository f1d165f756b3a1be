// First of all: zod's JIT off before any schema is built (the page runs without eval).
import './api/zod-jitless';
import { createApiClient } from './api/client';
import { createRoot } from 'react-dom/client';
import { fetchExamples } from './window/useExamples';
import { StartPreview } from './panels/start/StartPreview';
import './styles/index.css';

// The back end is asked for the start screen's templates at once, while the editor's code
// (./root, most of the page) is still loading and starting; the page preloads that code
// (scripts/vite-preload-editor.ts).
/** How long the editor waits for the templates' answer before it loads anyway. */
const EXAMPLES_WAIT_MS = 2000;

const api = createApiClient();
const examples = fetchExamples(api).catch(() => undefined);

const element = document.getElementById('root');
if (!element) throw new Error('the page has no #root element');
// The window and its start screen at once; the editor replaces them in one render when it has loaded.
const root = createRoot(element);
root.render(<StartPreview api={api} />);
// The editor's code runs once the templates are on screen: running it sooner (it is preloaded)
// held up the templates' answer and paint behind it on a busy machine. A back end that does not
// answer within EXAMPLES_WAIT_MS does not hold the editor back.
await Promise.race([examples, new Promise((later) => setTimeout(later, EXAMPLES_WAIT_MS))]);
await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));
try {
  const { renderApp } = await import('./root');
  renderApp(root, api);
} catch (e) {
  const why = e instanceof Error ? e.message : String(e);
  root.render(<StartPreview api={api} failure={`The editor could not be loaded (${why}). Reload the page to try again.`} />);
}
