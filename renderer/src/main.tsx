import './no-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { describeError } from './files/errors';
import { App } from './shell/App';
import { createAppStore } from './store/store';
import { StoreProvider } from './store/StoreContext';
import { connectServices } from './transport/connect';
import './styles/theme.css';
import './styles/app.css';
import './styles/files.css';
import './styles/dialogs.css';
import './styles/connect.css';
import './styles/certificates.css';
import './styles/sites.css';
import './styles/log.css';
import './styles/queue.css';

const root = createRoot(document.getElementById('root')!);

try {
  const store = createAppStore(await connectServices());
  root.render(
    <StrictMode>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </StrictMode>,
  );
} catch (error) {
  // Without services there is no window to show; say why instead of a blank page.
  root.render(
    <div className="fatal" role="alert">
      <h1>Sluice could not start</h1>
      <p>{describeError(error)}</p>
    </div>,
  );
}
