import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { desk } from './api/desk';

// The bureau desk's screens come in a chunk of their own: the officer desk loads exactly what it did.
const BureauDesk = lazy(() => import('./bureau/BureauDesk').then((m) => ({ default: m.BureauDesk })));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {desk === 'bureau' ? (
      <Suspense fallback={null}>
        <BureauDesk />
      </Suspense>
    ) : (
      <App />
    )}
  </StrictMode>,
);
