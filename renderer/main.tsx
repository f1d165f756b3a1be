// First of all: zod's JIT off before any schema is built (the page runs without eval).
import './api/zod-jitless';
import { createApiClient } from './api/client';
import { fetchExamples } from './window/useExamples';
import './styles/index.css';

// The back end is asked for the start screen's templates at once, while the editor's code
// (./root, most of the page) is still loading and starting.
const api = createApiClient();
void fetchExamples(api).catch(() => undefined);

const root = document.getElementById('root');
if (!root) throw new Error('the page has no #root element');
const { renderApp } = await import('./root');
renderApp(root, api);
