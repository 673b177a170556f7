import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { App } from './App';
import { PreloadedSpa, readPreloadedSpa } from './spa';
import './styles.css';

const container = document.getElementById('root')!;
const preloaded = readPreloadedSpa();
const app = (
  <StrictMode>
    <PreloadedSpa.Provider value={preloaded}>
      <App />
    </PreloadedSpa.Provider>
  </StrictMode>
);
// The server rendered the home with the spa's menu: bring that page to life where it stands.
// Any other route starts afresh (the server never sees the hash).
const atHome = /^#?\/?$/.test(window.location.hash);
if (preloaded && atHome && container.firstElementChild) {
  hydrateRoot(container, app, {
    // A browser in another locale writes prices its own way: React then renders the page afresh,
    // which is all that is needed, so the mismatch is a warning, not an error.
    onRecoverableError: (error) => console.warn('The page was rendered afresh:', error),
  });
} else createRoot(container).render(app);
