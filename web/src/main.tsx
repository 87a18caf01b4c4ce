import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { captureKey } from './api-client.js';
import { App } from './app.js';
import './styles.css';

captureKey();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
