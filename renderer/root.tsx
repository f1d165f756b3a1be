import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ReactFlowProvider } from '@xyflow/react';
import type { ApiClient } from '../shared/protocol/api';
import { App } from './App';

/** Renders the editor window into `root`. */
export function renderApp(root: HTMLElement, api: ApiClient): void {
  createRoot(root).render(
    <StrictMode>
      <ReactFlowProvider>
        <App api={api} />
      </ReactFlowProvider>
    </StrictMode>,
  );
}
