// First of all: zod's JIT off before any schema is built (the page runs without eval).
import './api/zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ReactFlowProvider } from '@xyflow/react';
import { createApiClient } from './api/client';
import { App } from './App';
import './styles/index.css';

const api = createApiClient();
const root = document.getElementById('root');
if (!root) throw new Error('the page has no #root element');

createRoot(root).render(
  <StrictMode>
    <ReactFlowProvider>
      <App api={api} />
    </ReactFlowProvider>
  </StrictMode>,
);
