import { StrictMode } from 'react';
import type { Root } from 'react-dom/client';
import { ReactFlowProvider } from '@xyflow/react';
import type { ApiClient } from '../shared/protocol/api';
import { App } from './App';

/** Renders the editor window into `root`, replacing what it showed (the start preview). */
export function renderApp(root: Root, api: ApiClient): void {
  root.render(
    <StrictMode>
      <ReactFlowProvider>
        <App api={api} />
      </ReactFlowProvider>
    </StrictMode>,
  );
}
