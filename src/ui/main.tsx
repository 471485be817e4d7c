import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { workerEngine } from './engine/client';
import { idbProjectStorage } from './project/storage';
import { idbVersionStorage } from './project/versionsStorage';
import { createStudio } from './studio/createStudio';
import { StudioProvider } from './studio/context';
import './styles.css';

const studio = createStudio({ engine: workerEngine(), compareEngine: workerEngine('freshet-compare'), storage: idbProjectStorage, versionStorage: idbVersionStorage });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StudioProvider studio={studio}>
      <App />
    </StudioProvider>
  </StrictMode>,
);
