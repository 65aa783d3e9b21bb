import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { pageDesk } from './choose/desk-switch';

// The bureau desk's screens and the first start's choice come in chunks of their own: the officer desk loads exactly what it did.
const BureauDesk = lazy(() => import('./bureau/BureauDesk').then((m) => ({ default: m.BureauDesk })));
const ChooseDesk = lazy(() => import('./choose/ChooseDesk').then((m) => ({ default: m.ChooseDesk })));

createRoot(document.getElementById('root')!).render(
  <StrictMode>{pageDesk === 'officer' ? <App /> : <Suspense fallback={null}>{pageDesk === 'bureau' ? <BureauDesk /> : <ChooseDesk />}</Suspense>}</StrictMode>,
);
